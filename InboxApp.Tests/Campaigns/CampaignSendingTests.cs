using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// The sender on Hangfire: sandbox campaigns through the whole funnel, the recipient filter, auto-pause; Cloud API campaigns
/// against the fake Graph API for pacing, back-off on 130429/131056 and 131049 without retry.
/// </summary>
public sealed class CampaignSendingTests(CampaignsApp app) : IClassFixture<CampaignsApp>
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private static object Recipients(params string[] phones) =>
        phones.Select((p, i) => new { phone = p, variables = new Dictionary<string, string> { ["1"] = "Customer " + i } }).ToArray();

    [Fact]
    public async Task A_sandbox_campaign_sends_each_recipient_once_follows_the_statuses_and_marks_replies()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (numberId, templateId, _) = await admin.SandboxTemplateAsync();
        var phones = Enumerable.Range(0, 6).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var created = await admin.Client.CreateCampaignAsync(new { name = "Funnel", templateId, recipients = Recipients(phones), sendNow = true });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("RUNNING", created.GetProperty("status").GetString());

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED" && d.Count("read") == phones.Length, "every recipient READ");
        Assert.All(done.Recipients(), r =>
        {
            Assert.Equal(1, r.GetProperty("attempts").GetInt32());
            Assert.StartsWith("wamid.", r.GetProperty("waMessageId").GetString());
        });
        await using (var db = Factory.SystemDb())
        {
            var conversations = db.Conversations.Where(c => c.PhoneNumberId == numberId).Select(c => c.Id);
            var messages = await db.Messages.Where(m => conversations.Contains(m.ConversationId) && m.Direction == MessageDirection.OUTBOUND).CountAsync();
            Assert.Equal(phones.Length, messages);
        }

        // The customer answers: REPLIED.
        var conversationId = done.Recipients()[0].GetProperty("conversationId").GetGuid();
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Yes please!" })).ShouldBe(HttpStatusCode.Created);
        // The detail reads its counts and its recipients in two statements: wait until both show the reply.
        var replied = await admin.Client.WaitForCampaignAsync(id, d => d.Count("replied") == 1
            && d.Recipients().Any(r => r.GetProperty("status").GetString() == "REPLIED"), "a REPLIED recipient");
        var answered = Assert.Single(replied.Recipients(), r => r.GetProperty("status").GetString() == "REPLIED");
        Assert.Equal(conversationId, answered.GetProperty("conversationId").GetGuid());
        var stats = await (await admin.Client.GetAsync($"/api/v1/campaigns/{id}/stats")).Data();
        Assert.Equal(1, stats.GetProperty("deliveryRate").GetDouble());
        Assert.True(stats.GetProperty("replyRate").GetDouble() > 0.16);
    }

    [Fact]
    public async Task Recipients_a_filter_refuses_are_skipped_with_its_reason_and_never_sent()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var (kept, refused) = (CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone());
        TestRecipientFilter.Skipped[PhoneKeys.Key(refused)!] = "Opted out (STOP)";
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Filtered", templateId, recipients = Recipients(kept, refused), sendNow = true })).GetProperty("id").GetGuid();

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        var skipped = Assert.Single(done.Recipients(), r => r.GetProperty("status").GetString() == "SKIPPED");
        Assert.Equal(refused, skipped.GetProperty("phone").GetString());
        Assert.Equal("Opted out (STOP)", skipped.GetProperty("skipReason").GetString());
        Assert.False(skipped.TryGetProperty("messageId", out _));
        Assert.Equal(1, done.Count("skipped"));
    }

    [Fact]
    public async Task A_number_on_the_opt_out_list_is_skipped_with_the_lists_reason()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var (kept, optedOut) = (CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone());
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = optedOut })).ShouldBe(HttpStatusCode.Created);
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Opt-outs", templateId, recipients = Recipients(kept, optedOut), sendNow = true })).GetProperty("id").GetGuid();

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        var skipped = Assert.Single(done.Recipients(), r => r.GetProperty("status").GetString() == "SKIPPED");
        Assert.Equal(optedOut, skipped.GetProperty("phone").GetString());
        Assert.Equal("Added by a team member", skipped.GetProperty("skipReason").GetString());
        var sent = Assert.Single(done.Recipients(), r => r.GetProperty("status").GetString() != "SKIPPED");
        Assert.Equal(kept, sent.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_campaign_pauses_itself_when_its_template_is_paused_and_resumes_only_once_approved_again()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (_, templateId, name) = await admin.SandboxTemplateAsync();
        var id = (await admin.Client.CreateCampaignAsync(new
        {
            name = "Later", templateId, recipients = Recipients(CampaignTestKit.NewPhone()), scheduledAt = DateTimeOffset.UtcNow.AddHours(1),
        })).GetProperty("id").GetGuid();
        Assert.Equal("SCHEDULED", (await admin.Client.CampaignAsync(id)).Status());

        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = name, @event = "PAUSED", language = "en_US", reason = "LOW_QUALITY" }))
            .ShouldBe(HttpStatusCode.OK);
        var paused = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "PAUSED", "the campaign PAUSED");
        Assert.Contains("PAUSED", paused.GetProperty("campaign").GetProperty("pauseReason").GetString());
        await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/resume", null)).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_NOT_APPROVED");

        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/template-status", new { templateName = name, @event = "APPROVED", language = "en_US" })).ShouldBe(HttpStatusCode.OK);
        await Templates.TemplateTestKit.WaitForStatusAsync(admin.Client, templateId, "APPROVED");
        var resumed = await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/resume", null)).Data();
        Assert.Equal("SCHEDULED", resumed.GetProperty("status").GetString());
        // Started now instead: it runs to the end.
        await (await admin.Client.PostAsJsonAsync($"/api/v1/campaigns/{id}/schedule", new { })).ShouldBe(HttpStatusCode.OK);
        await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED" && d.Count("reached") == 1, "COMPLETED");
    }

    [Fact]
    public async Task A_running_campaign_pauses_itself_when_its_numbers_quality_turns_red()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 1);
        var phones = Enumerable.Range(0, 30).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Slow", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();
        await admin.Client.WaitForCampaignAsync(id, d => d.Count("reached") >= 1, "a first send");

        var display = "1555" + Random.Shared.Next(1_000_000, 9_999_999);
        await using (var db = Factory.SystemDb())
            await db.PhoneNumbers.Where(p => p.Id == number.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayPhoneNumber, "+" + display));
        var body = Envelope(Graph.Phones[number.MetaId].WabaId, ("phone_number_quality_update", new JsonObject { ["display_phone_number"] = display, ["event"] = "RED" }));
        await (await Factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);

        var paused = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "PAUSED", "the campaign PAUSED");
        Assert.Contains("RED", paused.GetProperty("campaign").GetProperty("pauseReason").GetString());
        var sentAtPause = SendsTo(number, phones).Count;
        await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/resume", null)).ShouldFail(HttpStatusCode.Conflict, "CAMPAIGN_WRONG_STATUS");
        await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null)).ShouldBe(HttpStatusCode.OK);
        // What was in flight at the pause may still land; nothing more is sent after that.
        Assert.True(SendsTo(number, phones).Count <= sentAtPause + 1);
        Assert.True(sentAtPause < phones.Length);
    }

    [Fact]
    public async Task Sends_are_paced_at_the_numbers_rate()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 5);
        var phones = Enumerable.Range(0, 11).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Paced", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();

        await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        await using var db = Factory.SystemDb();
        var claimed = await db.Set<Core.Campaigns.CampaignRecipient>().Where(r => r.CampaignId == id).Select(r => r.ClaimedAt!.Value).ToListAsync();
        // 11 sends at 5/s: the first goes at once, the other ten one every 200 ms (never faster; slower is allowed).
        Assert.True(claimed.Max() - claimed.Min() >= TimeSpan.FromMilliseconds(1900), $"11 sends took {claimed.Max() - claimed.Min()}");
        Assert.Equal(phones.Length, SendsTo(number, phones).Count);
    }

    [Fact]
    public async Task Throughput_and_pair_rate_errors_back_off_and_retry_while_131049_fails_without_retry()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 80);
        var phone = CampaignTestKit.NewPhone();
        // Messaging retries twice itself (Messaging:MaxSendAttempts=2): two refusals fail the first message, the campaign tries again later.
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 130429, "(#130429) Rate limit hit"));
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 130429, "(#130429) Rate limit hit"));
        var throttled = await RunSingleAsync(admin, templateId, phone);
        Assert.Equal("SENT", throttled.GetProperty("status").GetString());
        Assert.Equal(2, throttled.GetProperty("attempts").GetInt32());
        Assert.Equal(3, SendsTo(number, [phone]).Count); // two refused, the third accepted

        var pairPhone = CampaignTestKit.NewPhone();
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"));
        var paired = await RunSingleAsync(admin, templateId, pairPhone);
        Assert.Equal("SENT", paired.GetProperty("status").GetString());
        Assert.Equal(2, paired.GetProperty("attempts").GetInt32());

        var capped = CampaignTestKit.NewPhone();
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 131049, "This message was not delivered to maintain healthy ecosystem engagement."));
        var failed = await RunSingleAsync(admin, templateId, capped);
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal("131049", failed.GetProperty("errorCode").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Single(SendsTo(number, [capped]));
    }

    private async Task<JsonElement> RunSingleAsync(SignedIn admin, Guid templateId, string phone)
    {
        var id = (await admin.Client.CreateCampaignAsync(new { name = "One", templateId, recipients = Recipients(phone), sendNow = true })).GetProperty("id").GetGuid();
        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        return Assert.Single(done.Recipients());
    }

    /// <summary>A Cloud API number on the fake Graph API at the given rate, with an approved greeting template.</summary>
    private async Task<(CloudNumber Number, Guid TemplateId)> CloudTemplateAsync(SignedIn admin, int ratePerSecond)
    {
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        await using (var db = Factory.SystemDb())
            await db.PhoneNumbers.Where(p => p.Id == number.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.SendRatePerSecond, ratePerSecond));
        var response = await admin.Client.PostAsJsonAsync("/api/v1/templates", new
        {
            name = Templates.TemplateTestKit.NewName(), language = "en_US", category = "MARKETING", phoneNumberId = number.Id, components = CampaignTestKit.GreetingComponents(),
        });
        await response.ShouldBe(HttpStatusCode.Created);
        var template = await response.Data();
        Assert.Equal("APPROVED", template.GetProperty("status").GetString());
        return (number, template.GetProperty("id").GetGuid());
    }

    private List<FakeGraphApi.Call> SendsTo(CloudNumber number, IReadOnlyCollection<string> phones)
    {
        var digits = phones.Select(p => p.TrimStart('+')).ToHashSet();
        return Graph.Sends(number.MetaId).Where(c => JsonNode.Parse(c.Body)?["to"]?.GetValue<string>() is { } to && digits.Contains(to)).ToList();
    }
}
