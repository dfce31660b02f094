using System.Text.Json;
using Hangfire;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Campaigns: made from a list, a tag, a contact filter or a CSV; listed with their counts; scheduled, paused, resumed,
/// cancelled. Admins and supervisors (API keys act as admins); agents are refused. Sending is <see cref="CampaignSender"/>'s,
/// run by <see cref="CampaignSendJob"/>.
/// </summary>
public sealed partial class CampaignService(
    InboxDb inboxDb, TimeProvider clock, Pricing.PricingService pricing, IServiceProvider services,
    IOptions<CampaignsOptions> options)
{
    public async Task<(IReadOnlyList<CampaignDto> Items, int Total)> ListAsync(Actor actor, CampaignStatus? status, string? search, int skip, int take, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var query = db.Set<Campaign>().AsNoTracking();
        if (status is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(c => c.Name.ToLower().Contains(term) || c.TemplateName.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var campaigns = await query.OrderByDescending(c => c.CreatedAt).Skip(skip).Take(take).ToListAsync(ct);
        var counts = await CountsAsync(db, campaigns.Select(c => c.Id).ToList(), ct);
        return (campaigns.Select(c => Dto(c, counts.GetValueOrDefault(c.Id) ?? CampaignCounts.From([]))).ToList(), total);
    }

    /// <summary>The campaign, its counts and a page of its recipients, read in one snapshot (the page and the counts agree).</summary>
    public async Task<CampaignDetailDto> GetAsync(Actor actor, Guid id, CampaignRecipientStatus? recipientStatus, int skip, int take, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        return await CampaignSnapshot.ReadAsync(db, async () =>
        {
            var campaign = await FindAsync(db, id, ct);
            var recipients = db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id);
            if (recipientStatus is { } s) recipients = recipients.Where(r => r.Status == s);
            var total = await recipients.CountAsync(ct);
            var page = await recipients.OrderBy(r => r.Seq).Skip(skip).Take(take).ToListAsync(ct);
            var counts = await CountsAsync(db, [id], ct);
            return new CampaignDetailDto(Dto(campaign, counts.GetValueOrDefault(id) ?? CampaignCounts.From([])), page.Select(RecipientDto).ToList(),
                skip / Math.Max(1, take) + 1, take, total);
        }, ct);
    }

    public async Task<CampaignDto> GetSummaryAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        var counts = await CountsAsync(db, [id], ct);
        return Dto(campaign, counts.GetValueOrDefault(id) ?? CampaignCounts.From([]));
    }

    /// <summary>The campaign with its counts and its funnel (the detail page), read in one snapshot: both show the same moment.</summary>
    public async Task<(CampaignDto Campaign, CampaignStatsDto Stats)> GetWithStatsAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        return await CampaignSnapshot.ReadAsync(db, async () =>
        {
            var campaign = await FindAsync(db, id, ct);
            var counts = (await CountsAsync(db, [id], ct)).GetValueOrDefault(id) ?? CampaignCounts.From([]);
            return (Dto(campaign, counts), await StatsOfAsync(db, campaign, counts, ct));
        }, ct);
    }

    /// <summary>
    /// Makes a campaign (DRAFT; SCHEDULED with a future <c>scheduledAt</c>; RUNNING with <c>sendNow</c>). The template must be
    /// APPROVED and the number (given, or the first active one of the template's account) must belong to its account.
    /// Rows that cannot be sent are left out and reported; none left is a 400.
    /// </summary>
    public async Task<CampaignDto> CreateAsync(Actor actor, CampaignInput input, IReadOnlyList<CampaignAudience.Row>? csvRows, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(input.Name)) throw InboxException.Invalid("name", "name is required");
        if (input.ScheduledAt is { } at && at <= now && !input.SendNow) throw InboxException.Invalid("scheduledAt", "scheduledAt must be in the future");
        var sources = (input.Recipients is not null ? 1 : 0) + (input.TagId is not null ? 1 : 0) + (input.ContactFilter is not null ? 1 : 0) + (csvRows is not null ? 1 : 0);
        if (sources == 0) throw InboxException.Invalid("recipients", "Give recipients, a tagId, a contactFilter or a CSV file");
        if (sources > 1) throw InboxException.Invalid("recipients", "Give only one audience: recipients, tagId, contactFilter or a CSV file");
        if (input.Recipients is { } given && given.Count > options.Value.MaxRecipients)
            throw InboxException.Invalid("recipients", $"A campaign has at most {options.Value.MaxRecipients} recipients");
        if (input.SendNow || input.ScheduledAt is not null) EnsureJobs();

        await using var db = inboxDb.For(actor.Org);
        var template = await db.Set<MessageTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TemplateId, ct) ?? throw InboxException.NotFound("Template");
        if (template.Status != TemplateStatus.APPROVED)
            throw InboxException.Conflict($"The template {template.Name} ({template.Language}) is {template.Status}: only approved templates can be sent", TemplateErrors.NotApproved);
        var numberId = input.PhoneNumberId is { } requested
            ? await db.PhoneNumbers.Where(p => p.Id == requested).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Phone number")
            : await db.PhoneNumbers.Where(p => p.AccountId == template.AccountId && p.IsActive).OrderBy(p => p.CreatedAt).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct)
              ?? throw InboxException.Conflict("The template's WhatsApp account has no active number");
        if (!await db.PhoneNumbers.AnyAsync(p => p.Id == numberId && p.AccountId == template.AccountId, ct))
            throw InboxException.Invalid("phoneNumberId", "The number must belong to the template's WhatsApp account");

        var rows = csvRows?.ToList()
            ?? (input.Recipients is { } list ? list.Select((r, i) => new CampaignAudience.Row(i + 1, r.Phone, r.Variables)).ToList()
                : await CampaignAudience.FromContactsAsync(db, numberId, input.TagId, input.ContactFilter, ct));
        if (rows.Count > options.Value.MaxRecipients) throw InboxException.Invalid("recipients", $"A campaign has at most {options.Value.MaxRecipients} recipients");
        var (recipients, problems) = await CampaignAudience.BuildAsync(db, numberId, template, rows, input.Variables, now, ct);
        if (recipients.Count == 0)
            throw new InboxException(400, CampaignErrors.NoRecipients, rows.Count == 0 ? "The audience has no recipients" : "None of the recipients can be sent to",
                problems.Take(50).ToDictionary(p => $"rows[{p.Row}]", p => new[] { p.Reason }));

        var campaign = new Campaign
        {
            Name = input.Name.Trim(), TemplateId = template.Id, TemplateName = template.Name, Language = template.Language, PhoneNumberId = numberId,
            Status = input.SendNow ? CampaignStatus.RUNNING : input.ScheduledAt is not null ? CampaignStatus.SCHEDULED : CampaignStatus.DRAFT,
            ScheduledAt = input.SendNow ? null : input.ScheduledAt, StartedAt = input.SendNow ? now : null,
            TotalRecipients = recipients.Count, CreatedById = actor.UserId, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(campaign);
        foreach (var r in recipients) r.CampaignId = campaign.Id;
        db.AddRange(recipients);
        db.Raise(new CampaignUpdated(actor.Org, campaign.Id, campaign.Status.ToString()));
        // The campaign listeners follow this organization's messages from now on (before its first send), on every node.
        db.InterestChanged<CampaignStatusListener>();
        db.InterestChanged<CampaignAutoPause>();
        await db.SaveChangesAsync(ct);
        if (recipients.Count >= options.Value.AnalyzeAfterRecipients) await AnalyzeRecipientsAsync(db, ct);
        StartJob(campaign);
        var counts = CampaignCounts.From([(CampaignRecipientStatus.PENDING, recipients.Count)]);
        return Dto(campaign, counts) with { Report = new CampaignImportReport(recipients.Count, problems.Count, problems) };
    }

    /// <summary>
    /// PostgreSQL: refreshes the planner's statistics of <c>CampaignRecipients</c> after a large campaign's rows went in.
    /// Autovacuum does it at its own pace (its next round, a minute or more later); until then the sender's reads of the
    /// recipients were planned for the table as it was before. Measured on a fresh database (a process's first campaign of
    /// 20,000): 200–400 sends/s for the first three seconds instead of ~950 (docs/performance.md, campaign sending,
    /// session 19). ANALYZE reads a sample of the table (at most 30,000 rows by default), not all of it. A role that may not
    /// analyze the table only loses the head start.
    /// </summary>
    private async Task AnalyzeRecipientsAsync(InboxDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        try
        {
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "CampaignRecipients" """, ct);
        }
        catch (Npgsql.PostgresException e)
        {
            services.GetRequiredService<ILogger<CampaignService>>()
                .LogWarning("Could not refresh the statistics of CampaignRecipients ({Error}); the campaign starts more slowly", e.MessageText);
        }
    }

    /// <summary>Starts a DRAFT campaign now, or at <paramref name="at"/> (SCHEDULED); a SCHEDULED one may be moved.</summary>
    public async Task<CampaignDto> ScheduleAsync(Actor actor, Guid id, DateTimeOffset? at, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        var now = clock.GetUtcNow();
        if (at is { } when && when <= now) at = null;
        EnsureJobs();
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        if (campaign.Status is not (CampaignStatus.DRAFT or CampaignStatus.SCHEDULED))
            throw InboxException.Conflict($"Only draft or scheduled campaigns are scheduled; this one is {campaign.Status}", CampaignErrors.WrongStatus);
        await EnsureTemplateApprovedAsync(db, campaign, ct);
        var to = at is null ? CampaignStatus.RUNNING : CampaignStatus.SCHEDULED;
        await TransitionAsync(db, campaign, [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED], to, c =>
        {
            c.ScheduledAt = at;
            if (to == CampaignStatus.RUNNING) c.StartedAt ??= now;
        }, ct);
        StartJob(campaign);
        return await GetSummaryAsync(actor, id, ct);
    }

    public async Task<CampaignDto> PauseAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        if (campaign.Status is not (CampaignStatus.RUNNING or CampaignStatus.SCHEDULED))
            throw InboxException.Conflict($"Only running or scheduled campaigns are paused; this one is {campaign.Status}", CampaignErrors.WrongStatus);
        var now = clock.GetUtcNow();
        await TransitionAsync(db, campaign, [CampaignStatus.RUNNING, CampaignStatus.SCHEDULED], CampaignStatus.PAUSED, c =>
        {
            c.PausedAt = now;
            c.PauseReason = "Paused by a person";
        }, ct);
        return await GetSummaryAsync(actor, id, ct);
    }

    /// <summary>Goes on with a PAUSED campaign (SCHEDULED again when its time is still ahead); the template must be approved again.</summary>
    public async Task<CampaignDto> ResumeAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        EnsureJobs();
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        if (campaign.Status != CampaignStatus.PAUSED)
            throw InboxException.Conflict($"Only paused campaigns are resumed; this one is {campaign.Status}", CampaignErrors.WrongStatus);
        await EnsureTemplateApprovedAsync(db, campaign, ct);
        var quality = await db.PhoneNumbers.Where(p => p.Id == campaign.PhoneNumberId).Select(p => p.QualityRating).FirstOrDefaultAsync(ct);
        if (string.Equals(quality, "RED", StringComparison.OrdinalIgnoreCase))
            throw InboxException.Conflict("The sending number's quality is RED: resume when it has recovered", CampaignErrors.WrongStatus);
        var now = clock.GetUtcNow();
        var to = campaign.ScheduledAt is { } at && at > now ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
        await TransitionAsync(db, campaign, [CampaignStatus.PAUSED], to, c =>
        {
            c.PausedAt = null;
            c.PauseReason = null;
            if (to == CampaignStatus.RUNNING) c.StartedAt ??= now;
        }, ct);
        StartJob(campaign);
        return await GetSummaryAsync(actor, id, ct);
    }

    /// <summary>Stops a campaign for good; recipients not sent yet stay PENDING (and are never sent).</summary>
    public async Task<CampaignDto> CancelAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        CampaignStatus[] open = [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED];
        if (!open.Contains(campaign.Status))
            throw InboxException.Conflict($"This campaign is already {campaign.Status}", CampaignErrors.WrongStatus);
        var now = clock.GetUtcNow();
        await TransitionAsync(db, campaign, open, CampaignStatus.CANCELLED, c => c.CompletedAt = now, ct);
        return await GetSummaryAsync(actor, id, ct);
    }

    /// <summary>Delete (not while RUNNING), pause, resume or cancel several campaigns; what cannot be done is listed. Admins only.</summary>
    public async Task<CampaignBulkResult> BulkAsync(Actor actor, CampaignBulkAction action, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        actor.Require(UserRole.ADMIN);
        var done = 0;
        var skipped = new List<CampaignBulkSkip>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                switch (action)
                {
                    case CampaignBulkAction.Delete: await DeleteAsync(actor, id, ct); break;
                    case CampaignBulkAction.Pause: await PauseAsync(actor, id, ct); break;
                    case CampaignBulkAction.Resume: await ResumeAsync(actor, id, ct); break;
                    case CampaignBulkAction.Cancel: await CancelAsync(actor, id, ct); break;
                }
                done++;
            }
            catch (InboxException e) when (e.StatusCode is 404 or 409)
            {
                skipped.Add(new CampaignBulkSkip(id, e.Message));
            }
        }
        return new CampaignBulkResult(done, skipped);
    }

    private async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await using var db = inboxDb.For(actor.Org);
        var campaign = await FindAsync(db, id, ct);
        if (campaign.Status == CampaignStatus.RUNNING) throw InboxException.Conflict("A running campaign cannot be deleted: pause or cancel it first", CampaignErrors.WrongStatus);
        await db.Set<CampaignRecipient>().Where(r => r.CampaignId == id).ExecuteDeleteAsync(ct);
        await db.ChangeRaisingAsync(() => db.Set<Campaign>().Where(c => c.Id == id && c.Status != CampaignStatus.RUNNING).ExecuteDeleteAsync(ct),
            n => n == 0 ? [] : [new CampaignUpdated(actor.Org, id, "DELETED")], ct);
    }

    /// <summary>Pauses the organization's running and scheduled campaigns chosen by <paramref name="which"/>, with the reason (auto-pause).</summary>
    internal async Task<int> PauseAutomaticallyAsync(Guid org, Func<IQueryable<Campaign>, IQueryable<Campaign>> which, string reason, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        var now = clock.GetUtcNow();
        var ids = await which(db.Set<Campaign>().Where(c => c.Status == CampaignStatus.RUNNING || c.Status == CampaignStatus.SCHEDULED)).Select(c => c.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        reason = reason.Length > 500 ? reason[..500] : reason;
        return await db.ChangeRaisingAsync(() => db.Set<Campaign>()
                .Where(c => ids.Contains(c.Id) && (c.Status == CampaignStatus.RUNNING || c.Status == CampaignStatus.SCHEDULED))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.PAUSED).SetProperty(c => c.PausedAt, now)
                    .SetProperty(c => c.PauseReason, reason).SetProperty(c => c.UpdatedAt, now), ct),
            n => n == 0 ? [] : ids.Select(id => new CampaignUpdated(org, id, nameof(CampaignStatus.PAUSED))), ct);
    }

    private static async Task<Campaign> FindAsync(InboxDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw InboxException.NotFound("Campaign");

    private static async Task EnsureTemplateApprovedAsync(InboxDbContext db, Campaign campaign, CancellationToken ct)
    {
        var status = await db.Set<MessageTemplate>().Where(t => t.Id == campaign.TemplateId).Select(t => (TemplateStatus?)t.Status).FirstOrDefaultAsync(ct);
        if (status != TemplateStatus.APPROVED)
            throw InboxException.Conflict($"The template {campaign.TemplateName} ({campaign.Language}) is {status?.ToString() ?? "gone"}: only approved templates can be sent",
                TemplateErrors.NotApproved);
    }

    /// <summary>Changes the status only if it is still what was read (a send job or a listener may have moved it meanwhile: 409).</summary>
    private async Task TransitionAsync(InboxDbContext db, Campaign campaign, CampaignStatus[] from, CampaignStatus to, Action<Campaign> change, CancellationToken ct)
    {
        var previous = campaign.Status;
        if (!from.Contains(previous)) throw InboxException.Conflict($"The campaign is {previous}", CampaignErrors.WrongStatus);
        change(campaign);
        campaign.Status = to;
        campaign.UpdatedAt = clock.GetUtcNow();
        var c = campaign;
        var org = db.TenantId;
        var n = await db.ChangeRaisingAsync(() => db.Set<Campaign>().Where(x => x.Id == c.Id && x.Status == previous).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, c.Status).SetProperty(x => x.ScheduledAt, c.ScheduledAt).SetProperty(x => x.StartedAt, c.StartedAt)
                .SetProperty(x => x.PausedAt, c.PausedAt).SetProperty(x => x.PauseReason, c.PauseReason).SetProperty(x => x.CompletedAt, c.CompletedAt)
                .SetProperty(x => x.UpdatedAt, c.UpdatedAt), ct),
            n => n == 0 ? [] : [new CampaignUpdated(org, c.Id, to.ToString())], ct);
        if (n == 0) throw InboxException.Conflict("The campaign changed meanwhile; reload and try again", CampaignErrors.WrongStatus);
    }

    private void EnsureJobs()
    {
        if (services.GetService<IBackgroundJobClient>() is null)
            throw InboxException.Conflict("Background jobs are disabled on this server (Jobs:Enabled is false): campaigns cannot be sent", CampaignErrors.JobsDisabled);
    }

    /// <summary>Enqueues the send job (RUNNING) or schedules it (SCHEDULED). The job is idempotent: a second one finds the campaign held or done.</summary>
    private void StartJob(Campaign campaign)
    {
        var jobs = services.GetService<IBackgroundJobClient>();
        if (jobs is null) return;
        if (campaign.Status == CampaignStatus.RUNNING) jobs.Enqueue<CampaignSendJob>(j => j.RunAsync(campaign.Id, CancellationToken.None));
        else if (campaign.Status == CampaignStatus.SCHEDULED && campaign.ScheduledAt is { } at)
            jobs.Schedule<CampaignSendJob>(j => j.RunAsync(campaign.Id, CancellationToken.None), at);
    }

    internal static async Task<Dictionary<Guid, CampaignCounts>> CountsAsync(InboxDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var groups = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => ids.Contains(r.CampaignId))
            .GroupBy(r => new { r.CampaignId, r.Status }).Select(g => new { g.Key.CampaignId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return groups.GroupBy(g => g.CampaignId).ToDictionary(g => g.Key, g => CampaignCounts.From(g.Select(x => (x.Status, x.Count))));
    }

    internal static CampaignDto Dto(Campaign c, CampaignCounts counts) => new(c.Id, c.Name, c.TemplateId, c.TemplateName, c.Language, c.PhoneNumberId, c.Status,
        c.ScheduledAt, c.StartedAt, c.PausedAt, c.PauseReason, c.CompletedAt, c.CreatedById, c.CreatedAt, c.UpdatedAt, counts);

    internal static CampaignRecipientDto RecipientDto(CampaignRecipient r) => new(r.Id, "+" + r.Phone, r.Status,
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.VariablesJson) ?? [], r.MessageId, r.WaMessageId, r.ConversationId, r.Attempts,
        r.SentAt, r.DeliveredAt, r.ReadAt, r.RepliedAt, r.FailedAt, r.ErrorCode, r.ErrorTitle, r.SkipReason);
}
