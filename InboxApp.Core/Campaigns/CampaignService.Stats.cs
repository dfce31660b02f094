using System.Text;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Campaigns;

/// <summary>The funnel of one campaign and of all, and the recipients as CSV.</summary>
public sealed partial class CampaignService
{
    public async Task<CampaignStatsDto> StatsAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        return await CampaignSnapshot.ReadAsync(db, async () =>
        {
            var campaign = await FindAsync(db, id, ct);
            var counts = (await CountsAsync(db, [id], ct)).GetValueOrDefault(id) ?? CampaignCounts.From([]);
            return await StatsOfAsync(db, campaign, counts, ct);
        }, ct);
    }

    private static async Task<CampaignStatsDto> StatsOfAsync(InboxDbContext db, Campaign campaign, CampaignCounts counts, CancellationToken ct)
    {
        var id = campaign.Id;
        var failures = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id && r.Status == CampaignRecipientStatus.FAILED)
            .GroupBy(r => new { r.ErrorCode, r.ErrorTitle }).Select(g => new { g.Key.ErrorCode, g.Key.ErrorTitle, Count = g.Count() }).ToListAsync(ct);
        var (delivery, read, reply) = Rates(counts);
        return new CampaignStatsDto(id, campaign.Status, counts, delivery, read, reply,
            failures.OrderByDescending(f => f.Count).Select(f => new CampaignFailureReason(f.ErrorCode, f.ErrorTitle, f.Count)).ToList());
    }

    /// <summary>What Meta billed for this campaign's messages so far (the costs recorded from status webhooks' pricing).</summary>
    public async Task<Pricing.CostSummary> MetaCostAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        List<Guid> messageIds;
        await using (var db = inboxDb.For(actor.Org))
        {
            await FindAsync(db, id, ct);
            messageIds = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id && r.MessageId != null)
                .Select(r => r.MessageId!.Value).ToListAsync(ct);
        }
        return await pricing.CostForMessagesAsync(actor.Org, messageIds, ct);
    }

    public async Task<CampaignGlobalStatsDto> GlobalStatsAsync(Actor actor, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var byStatus = await db.Set<Campaign>().AsNoTracking().GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var groups = await db.Set<CampaignRecipient>().AsNoTracking().GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = CampaignCounts.From(groups.Select(g => (g.Key, g.Count)));
        var (delivery, read, reply) = Rates(counts);
        return new CampaignGlobalStatsDto(byStatus.Sum(s => s.Count), byStatus.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(), s => s.Count), counts,
            delivery, read, reply);
    }

    /// <summary>The recipients (all, or those in one state) as CSV, in the list's order.</summary>
    public async Task<(string FileName, string Csv)> ExportAsync(Actor actor, Guid id, CampaignRecipientStatus? status, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        var csv = new StringBuilder("phone,status,sent_at,delivered_at,read_at,replied_at,failed_at,error_code,error_title,skip_reason,attempts,wa_message_id\r\n");
        var lastSeq = 0;
        while (true)
        {
            var query = db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id && r.Seq > lastSeq);
            if (status is { } s) query = query.Where(r => r.Status == s);
            var page = await query.OrderBy(r => r.Seq).Take(1000).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var r in page)
            {
                csv.Append('+').Append(r.Phone).Append(',').Append(r.Status).Append(',').Append(Time(r.SentAt)).Append(',').Append(Time(r.DeliveredAt)).Append(',')
                    .Append(Time(r.ReadAt)).Append(',').Append(Time(r.RepliedAt)).Append(',').Append(Time(r.FailedAt)).Append(',')
                    .Append(CsvReader.Cell(r.ErrorCode)).Append(',').Append(CsvReader.Cell(r.ErrorTitle)).Append(',').Append(CsvReader.Cell(r.SkipReason)).Append(',')
                    .Append(r.Attempts).Append(',').Append(CsvReader.Cell(r.WaMessageId)).Append("\r\n");
            }
            lastSeq = page[^1].Seq;
        }
        var safe = new string(campaign.Name.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        return ($"campaign-{(safe.Length == 0 ? "export" : safe.Length > 60 ? safe[..60] : safe)}.csv", csv.ToString());
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ") ?? "";

    private static (double Delivery, double Read, double Reply) Rates(CampaignCounts c)
    {
        var reached = c.Reached;
        if (reached == 0) return (0, 0, 0);
        double delivered = c.Delivered + c.Read + c.Replied, read = c.Read + c.Replied;
        return (Math.Round(delivered / reached, 4), Math.Round(read / reached, 4), Math.Round((double)c.Replied / reached, 4));
    }
}
