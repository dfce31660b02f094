using InboxApp.Core.Campaigns;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// <c>GET /campaigns/{id}</c> reads the page of recipients, its total and the counts in one snapshot: while recipients
/// change state one by one, every answer's filtered total equals the count of that state, and the states add up.
/// <para>Without the snapshot the total and the counts are two statements, and a change between them shows as a mismatch:
/// with hundreds of changes racing the reads this is caught (not certainly on every run: it is a race).</para>
/// </summary>
[Collection(SharedApp.Campaigns)]
public sealed class CampaignDetailSnapshotTests(InboxAppFactory factory)
{
    private const int Recipients = 300;

    [Fact]
    public async Task The_recipients_page_and_the_counts_of_the_detail_agree_while_recipients_change()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var id = (await admin.Client.CreateCampaignAsync(new
        {
            name = "Snapshot",
            templateId,
            recipients = Enumerable.Range(0, Recipients).Select(i => new { phone = "+1415" + (3_000_000 + i), variables = new Dictionary<string, string> { ["1"] = "Ana" } }),
        })).GetProperty("id").GetGuid();

        var inboxDb = factory.Services.GetRequiredService<InboxDb>();
        List<Guid> ids;
        await using (var db = inboxDb.For(admin.OrganizationId))
        {
            ids = await db.Set<CampaignRecipient>().Where(r => r.CampaignId == id).OrderBy(r => r.Seq).Select(r => r.Id).ToListAsync();
        }
        Assert.Equal(Recipients, ids.Count);

        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                // One recipient at a time from PENDING to REPLIED, each in its own statement, as status webhooks and replies do.
                foreach (var recipient in ids)
                {
                    await using var db = inboxDb.For(admin.OrganizationId);
                    await db.Set<CampaignRecipient>().Where(r => r.Id == recipient)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CampaignRecipientStatus.REPLIED));
                }
            }
            finally
            {
                await done.CancelAsync();
            }
        });
        var reads = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var detail = await admin.Client.CampaignAsync(id, "?status=REPLIED&limit=1");
                var replied = detail.Count("replied");
                Assert.Equal(replied, detail.GetProperty("recipientsTotal").GetInt32());
                Assert.Equal(Recipients, replied + detail.Count("pending"));
                Interlocked.Increment(ref reads);
            }
        })).ToList();
        await writer;
        await Task.WhenAll(readers);
        Assert.True(reads > 0);

        var final = await admin.Client.CampaignAsync(id, "?status=REPLIED&limit=1");
        Assert.Equal(Recipients, final.GetProperty("recipientsTotal").GetInt32());
        Assert.Equal(Recipients, final.Count("replied"));
    }
}
