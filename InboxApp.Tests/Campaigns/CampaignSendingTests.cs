using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Campaigns;
using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Conversations;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Campaigns;

/// <summary>
/// The sender on Hangfire: sandbox campaigns through the whole funnel, the recipient filter, auto-pause; Cloud API campaigns
/// against the fake Graph API for pacing, back-off on 130429/131056 and 131049 without retry.
/// </summary>
[RunsLong(25)]
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
    public async Task A_send_whose_answer_came_late_holds_the_send_a_rate_after_it_by_as_much()
    {
        // 5/s: the first send's answer is held 800 ms after it reached Meta (as when the way back, or the way there, was slow),
        // the others are answered at once. Meta counts arrivals in a rolling second, and the held-up send may have arrived up to
        // 800 ms later than it left: the sixth send (the rate after it) leaves a second after the first plus that delay, not a
        // second after the first left.
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 5);
        var phones = Enumerable.Range(0, 7).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var held = 0;
        Graph.BeforeAnswer = async call =>
        {
            if (call.Method != "POST" || !call.Path.Contains(number.MetaId + "/messages", StringComparison.Ordinal)) return;
            arrivals.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
            if (Interlocked.Exchange(ref held, 1) == 0) await Task.Delay(800);
        };
        try
        {
            var id = (await admin.Client.CreateCampaignAsync(new { name = "Held up", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();
            await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        }
        finally
        {
            Graph.BeforeAnswer = null;
        }
        var at = arrivals.ToArray();
        Assert.Equal(phones.Length, at.Length);
        // Counting departures only, the sixth arrived about a second after the first (1.0–1.2 s).
        var sixth = System.Diagnostics.Stopwatch.GetElapsedTime(at[0], at[5]);
        Assert.True(sixth >= TimeSpan.FromMilliseconds(1500), $"the sixth send reached Meta {sixth.TotalMilliseconds:F0} ms after the first");
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

    [Fact]
    public async Task A_pause_in_the_middle_of_a_chunk_stops_its_sends_not_yet_made_and_the_resumed_campaign_sends_each_recipient_once()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        // At 1/s with chunks of 5 s: the first five recipients are claimed and stored at once, then go out one a second.
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 1);
        var phones = Enumerable.Range(0, 6).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var campaignId = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sentWhenPaused = -1;
        var pausing = 0;
        using var chunks = WithChunkMs(5000);
        Graph.BeforeAnswer = async call =>
        {
            if (call.Method != "POST" || !call.Path.EndsWith(number.MetaId + "/messages", StringComparison.Ordinal) || Interlocked.Exchange(ref pausing, 1) == 1) return;
            var id = await campaignId.Task;
            await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/pause", null)).ShouldBe(HttpStatusCode.OK);
            Volatile.Write(ref sentWhenPaused, SendsTo(number, phones).Count);
        };
        try
        {
            var id = (await admin.Client.CreateCampaignAsync(new { name = "Paused mid-chunk", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();
            campaignId.SetResult(id);
            // The chunk's stored sends that had not gone out are given back (PENDING) and their messages discarded, unsent.
            await using (var db = Factory.SystemDb())
            {
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (Volatile.Read(ref sentWhenPaused) < 0
                       || await db.Set<CampaignRecipient>().CountAsync(r => r.CampaignId == id && r.Status == CampaignRecipientStatus.SENDING) > 0
                       || await db.Messages.CountAsync(m => m.OrganizationId == admin.OrganizationId && m.ErrorCode == CampaignSender.NotSentCode) < 5 - Volatile.Read(ref sentWhenPaused))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"The chunk was not settled after the pause ({sentWhenPaused} sent when paused)");
                    await Task.Delay(50);
                }
                var paused = Volatile.Read(ref sentWhenPaused);
                Assert.InRange(paused, 1, 4);
                Assert.Equal(paused, SendsTo(number, phones).Count);
                var stopped = await db.Messages.Where(m => m.OrganizationId == admin.OrganizationId && m.ErrorCode == CampaignSender.NotSentCode).ToListAsync();
                Assert.Equal(5 - paused, stopped.Count);
                Assert.All(stopped, m => Assert.True(m.Status == MessageStatus.FAILED && m.DiscardedAt is not null && m.WaMessageId is null));
                Assert.Equal(phones.Length - paused, await db.Set<CampaignRecipient>().CountAsync(r => r.CampaignId == id && r.Status == CampaignRecipientStatus.PENDING));
            }
            Assert.Equal("PAUSED", (await admin.Client.CampaignAsync(id)).Status());

            await (await admin.Client.PostAsync($"/api/v1/campaigns/{id}/resume", null)).ShouldBe(HttpStatusCode.OK);
            var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED after the resume", TimeSpan.FromSeconds(60));
            Assert.Equal(phones.Length, done.Count("reached"));
            var perPhone = SendsTo(number, phones).GroupBy(c => JsonNode.Parse(c.Body)!["to"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(phones.Length, perPhone.Count);
            Assert.All(perPhone.Values, n => Assert.Equal(1, n));
        }
        finally
        {
            Graph.BeforeAnswer = null;
        }
    }

    [Fact]
    public async Task A_chunk_with_an_opted_out_and_a_refused_recipient_sends_the_others_once_and_records_each_outcome()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 20);
        using var chunks = WithChunkMs(1000); // chunks of 20: the whole list in one
        var phones = Enumerable.Range(0, 6).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        TestRecipientFilter.Skipped[PhoneKeys.Key(phones[2])!] = "Opted out (STOP)";
        Graph.Failures.Enqueue((number.MetaId + "/messages", 400, 131049, "This message was not delivered to maintain healthy ecosystem engagement."));
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Mixed chunk", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        var byStatus = done.Recipients().GroupBy(r => r.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(phones[2], Assert.Single(byStatus["SKIPPED"]).GetProperty("phone").GetString());
        var failed = Assert.Single(byStatus["FAILED"]);
        Assert.Equal("131049", failed.GetProperty("errorCode").GetString());
        Assert.Equal(4, byStatus["SENT"].Count);
        Assert.All(byStatus["SENT"], r => Assert.StartsWith("wamid.", r.GetProperty("waMessageId").GetString()));
        // Every recipient but the opted-out one reached Meta exactly once; the sent ones' messages hold their wamids.
        var perPhone = SendsTo(number, phones).GroupBy(c => JsonNode.Parse(c.Body)!["to"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, perPhone.Count);
        Assert.DoesNotContain(phones[2].TrimStart('+'), perPhone.Keys);
        Assert.All(perPhone.Values, n => Assert.Equal(1, n));
        await using var db = Factory.SystemDb();
        var sentIds = byStatus["SENT"].Select(r => r.GetProperty("messageId").GetGuid()).ToList();
        var wamids = await db.Messages.Where(m => sentIds.Contains(m.Id)).Select(m => m.WaMessageId).ToListAsync();
        Assert.Equal(4, wamids.Count(w => w != null && w.StartsWith("wamid.")));
    }

    [Fact]
    public async Task A_chunk_stores_its_messages_with_their_conversations_touched_the_claims_recorded_and_the_events_published()
    {
        // One chunk of 5 (on SQLite its rows go through statements compiled once, on PostgreSQL through one prepared row batch): each
        // recipient's message stored with the rendered text, its conversation touched (preview, direction, version), the
        // claim's message and conversation recorded, the wamid written, and MessageSent/ConversationUpdated published after
        // the commit for every message.
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 20);
        using var chunks = WithChunkMs(1000);
        var phones = Enumerable.Range(0, 5).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var sent = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var updated = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        using var subscription = Factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(admin.OrganizationId, e =>
        {
            if (e is MessageSent m) sent.Add(m.MessageId);
            if (e is ConversationUpdated u) updated.Add(u.ConversationId);
            return Task.CompletedTask;
        });
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Stored chunk", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED" && d.Count("sent") == phones.Length, "every recipient SENT");
        await using var db = Factory.SystemDb();
        var recipients = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id).ToListAsync();
        Assert.Equal(phones.Length, recipients.Count);
        var messageIds = recipients.Select(r => r.MessageId!.Value).ToList();
        var messages = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        var conversationIds = recipients.Select(r => r.ConversationId!.Value).ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        Assert.Equal(phones.Length, messages.Count);
        Assert.Equal(phones.Length, conversations.Count);
        foreach (var r in recipients)
        {
            var message = messages[r.MessageId!.Value];
            Assert.Equal(admin.OrganizationId, message.OrganizationId);
            Assert.Equal(r.ConversationId, message.ConversationId);
            Assert.Equal(MessageDirection.OUTBOUND, message.Direction);
            Assert.Equal(MessageType.TEMPLATE, message.Type);
            Assert.StartsWith("wamid.", message.WaMessageId);
            Assert.Equal(message.WaMessageId, r.WaMessageId);
            Assert.Contains("Customer", message.Text);
            var conversation = conversations[message.ConversationId];
            Assert.Equal(MessageDirection.OUTBOUND, conversation.LastMessageDirection);
            Assert.False(string.IsNullOrEmpty(conversation.LastMessagePreview));
            Assert.Contains("Customer", conversation.LastMessagePreview);
        }
        await WaitUntilAsync(() => messageIds.All(sent.Contains) && conversationIds.All(updated.Contains), "MessageSent and ConversationUpdated for every message");
        Assert.Equal(phones.Length, SendsTo(number, phones).Count);
    }

    [Fact]
    public async Task A_chunk_save_touches_again_a_conversation_changed_after_the_chunk_read_it_and_keeps_its_other_rows()
    {
        // PostgreSQL saves a chunk in one prepared row batch, and nothing locks the chunk's conversations between their read and
        // that batch: an inbound message may change one meanwhile. Its update then finds no row (the version changed); the
        // batch's other rows stand, and that conversation is read again and touched again in the same transaction. SQLite runs
        // the same save through its prepared statements (its claim holds the write lock before the read, so nothing else can
        // change them there; the change below is made before the chunk's transaction starts, as the read is on PostgreSQL).
        var (admin, number, templates, inboxDb, actor, plan, phones, targets, items, changed, untouched) = await TwoRenderedSendsAsync();

        await using (var db = inboxDb.For(admin.OrganizationId))
        {
            await db.InDeferredTransactionAsync(async () =>
            {
                var stored = await templates.AddPreparedAsync(db, actor, plan, items, CancellationToken.None);
                if (TestDatabase.IsPostgres)
                {
                    // What an inbound message does to the first conversation after the chunk read it (its own transaction, committed).
                    await using var agent = inboxDb.For(admin.OrganizationId);
                    await agent.Conversations.Where(c => c.Id == changed).ExecuteUpdateAsync(s => s.SetProperty(c => c.Category, "billing")
                        .SetProperty(c => c.UnreadCount, 3).SetProperty(c => c.Version, Guid.NewGuid()));
                }
                await stored.SaveAsync(CancellationToken.None);
                return 0;
            }, CancellationToken.None);
        }

        var conversations = await AssertBothStoredAndTouchedAsync(items, changed, untouched);
        if (TestDatabase.IsPostgres)
        {
            // The inbound message's change is kept: the conversation was read again, not overwritten with the chunk's stale copy.
            Assert.Equal(("billing", 3), (conversations[changed].Category, conversations[changed].UnreadCount));
        }
    }

    [Fact]
    public async Task Opening_a_batchs_conversations_stores_each_new_contact_and_conversation_once_with_their_outbox_rows_and_events()
    {
        // On SQLite a batch's new contacts and conversations and their outbox rows go through statements compiled once per
        // batch, on PostgreSQL through one prepared row batch: the rows as EF Core's save stored them, ConversationCreated
        // published after the commit and written for its durable listener (routing, interested once a default team is set),
        // an existing contact's open conversation found again and not duplicated.
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 20);
        var team = await Routing.RoutingTestKit.TeamAsync(admin.Client, "Support");
        await (await admin.Client.PutAsJsonAsync("/api/v1/routing-rules/default-team", new { teamId = team })).ShouldBe(HttpStatusCode.OK);
        var templates = Factory.Services.GetRequiredService<Core.Templates.TemplateService>();
        var actor = new Core.Identity.Actor(null, admin.OrganizationId, Core.Identity.UserRole.ADMIN);
        string name;
        await using (var db = Factory.SystemDb()) name = await db.Set<Core.Templates.MessageTemplate>().Where(t => t.Id == templateId).Select(t => t.Name).SingleAsync();
        var plan = await templates.PrepareBatchAsync(actor, name, number.Id, "en_US");
        var existing = CampaignTestKit.NewPhone();
        var before = (await templates.OpenConversationsAsync(actor, plan, [existing]))[existing];
        var created = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        using var subscription = Factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(admin.OrganizationId, e =>
        {
            if (e is ConversationCreated c) created.Add(c.ConversationId);
            return Task.CompletedTask;
        });
        var fresh = Enumerable.Range(0, 4).Select(_ => CampaignTestKit.NewPhone()).ToArray();

        var targets = await templates.OpenConversationsAsync(actor, plan, [existing, .. fresh, "not a phone"]);

        Assert.Equal(fresh.Length + 1, targets.Count);
        Assert.Equal(before, targets[existing]);
        var newConversations = fresh.Select(p => targets[p].ConversationId).ToList();
        await WaitUntilAsync(() => newConversations.All(created.Contains), "ConversationCreated for every new conversation");
        Assert.DoesNotContain(before.ConversationId, created);
        await using (var db = Factory.SystemDb())
        {
            var digits = fresh.Select(p => p.TrimStart('+')).ToList();
            var contacts = await db.Contacts.AsNoTracking().Where(c => c.PhoneNumberId == number.Id && digits.Contains(c.Identifier)).ToListAsync();
            Assert.Equal(fresh.Length, contacts.Count);
            var conversations = await db.Conversations.AsNoTracking().Where(c => newConversations.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            Assert.Equal(fresh.Length, conversations.Count);
            foreach (var phone in fresh)
            {
                var target = targets[phone];
                var contact = Assert.Single(contacts, c => c.Id == target.ContactId);
                var d = phone.TrimStart('+');
                Assert.Equal((admin.OrganizationId, d, d, d, d, PhoneKeys.Key(d)), (contact.OrganizationId, contact.Identifier, contact.WaId, contact.Phone, contact.ReplyTo, contact.PhoneKey));
                Assert.Equal(d, target.To);
                var conversation = conversations[target.ConversationId];
                Assert.Equal((admin.OrganizationId, number.Id, contact.Id, ConversationStatus.WAITING_FOR_CUSTOMER, ConversationOrigin.TEMPLATE),
                    (conversation.OrganizationId, conversation.PhoneNumberId, conversation.ContactId, conversation.Status, conversation.Origin));
                Assert.Equal(conversation.CreatedAt, conversation.LastMessageAt);
                Assert.True(await db.OutboxDeliveries.AnyAsync(o => o.OrganizationId == admin.OrganizationId && o.EventType == nameof(ConversationCreated)
                    && o.Payload.Contains(conversation.Id.ToString())), "an outbox row of the conversation's creation");
            }
        }

        // Asked again, the batch finds them all: nothing is opened twice.
        var again = await templates.OpenConversationsAsync(actor, plan, fresh);
        Assert.All(fresh, p => Assert.Equal(targets[p], again[p]));
        var freshDigits = fresh.Select(f => f.TrimStart('+')).ToList();
        await using (var db = Factory.SystemDb())
            Assert.Equal(fresh.Length, await db.Conversations.CountAsync(c => c.PhoneNumberId == number.Id && freshDigits.Contains(c.Contact!.Identifier)));
    }

    [Fact]
    public async Task A_sqlite_chunk_built_before_the_write_lane_touches_again_a_conversation_changed_before_its_write()
    {
        // On SQLite a chunk's messages are built, their conversations read and touched, and its outbox rows made before the
        // write lane is taken (StageOnSqliteAsync); an inbound message may change a conversation meanwhile. Its update then
        // finds no row (the version changed): it is read again and touched again in the chunk's transaction, the other rows
        // written, the inbound change kept, and the events published after the commit. (PostgreSQL: the test above.)
        var (admin, number, templates, inboxDb, actor, plan, phones, targets, items, changed, untouched) = await TwoRenderedSendsAsync();
        var sent = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        using var subscription = Factory.Services.GetRequiredService<IInboxEventBus>().Subscribe(admin.OrganizationId, e =>
        {
            if (e is MessageSent m) sent.Add(m.MessageId);
            return Task.CompletedTask;
        });

        await using (var db = inboxDb.For(admin.OrganizationId))
        {
            var stored = await templates.AddPreparedAsync(db, actor, plan, items, CancellationToken.None);
            if (TestDatabase.IsPostgres) await db.InDeferredTransactionAsync(async () =>
            {
                await stored.SaveAsync(CancellationToken.None);
                return 0;
            }, CancellationToken.None);
            else
            {
                await stored.StageOnSqliteAsync(CancellationToken.None);
                // What an inbound message does to the first conversation after the chunk read it (its own transaction, committed).
                await using (var agent = inboxDb.For(admin.OrganizationId))
                    await agent.Conversations.Where(c => c.Id == changed).ExecuteUpdateAsync(s => s.SetProperty(c => c.Category, "billing")
                        .SetProperty(c => c.UnreadCount, 3).SetProperty(c => c.Version, Guid.NewGuid()));
                Assert.Empty(sent);
                await db.InDeferredTransactionAsync(async () =>
                {
                    await stored.WriteStagedAsync(CancellationToken.None);
                    return 0;
                }, CancellationToken.None);
            }
        }

        await WaitUntilAsync(() => items.All(i => sent.Contains(i.MessageId)), "MessageSent for both messages after the commit");
        var conversations = await AssertBothStoredAndTouchedAsync(items, changed, untouched);
        if (!TestDatabase.IsPostgres) Assert.Equal(("billing", 3), (conversations[changed].Category, conversations[changed].UnreadCount));
    }

    [Fact]
    public async Task A_chunk_with_a_recipient_settled_after_its_batch_was_prepared_sends_the_others_once_and_stores_nothing_for_it()
    {
        // The chunk's claim finds one recipient no longer PENDING (settled meanwhile): on SQLite the chunk built before the write
        // lane is rolled back and claimed again with only the others' messages; on PostgreSQL the claim answers which it took.
        // Either way that recipient gets no message and no send, and the others are sent once.
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 20);
        using var chunks = WithChunkMs(1000);
        var phones = Enumerable.Range(0, 4).Select(_ => CampaignTestKit.NewPhone()).ToArray();
        var settled = phones[2];
        // The filter is asked once the batch is loaded and before its chunk is claimed: the recipient is settled right then.
        TestRecipientFilter.OnAsk[PhoneKeys.Key(phones[0])!] = async () =>
        {
            await using var db = Factory.SystemDb();
            var digits = settled.TrimStart('+');
            await db.Set<CampaignRecipient>().Where(r => r.OrganizationId == admin.OrganizationId && r.Phone == digits)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CampaignRecipientStatus.FAILED).SetProperty(r => r.ErrorCode, "SETTLED"));
        };
        var id = (await admin.Client.CreateCampaignAsync(new { name = "Settled meanwhile", templateId, recipients = Recipients(phones), sendNow = true })).GetProperty("id").GetGuid();

        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        await using var db = Factory.SystemDb();
        var recipients = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id).ToDictionaryAsync(r => "+" + r.Phone);
        var other = recipients[settled];
        Assert.Equal((CampaignRecipientStatus.FAILED, "SETTLED", (Guid?)null, 0), (other.Status, other.ErrorCode, other.MessageId, other.Attempts));
        Assert.Empty(SendsTo(number, [settled]));
        foreach (var phone in phones.Where(p => p != settled))
        {
            var r = recipients[phone];
            Assert.Equal(CampaignRecipientStatus.SENT, r.Status);
            Assert.Single(SendsTo(number, [phone]));
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == r.MessageId);
            Assert.Equal((r.ConversationId, r.WaMessageId), ((Guid?)message.ConversationId, message.WaMessageId));
        }
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Contact).SingleAsync(c => c.OrganizationId == admin.OrganizationId && c.Contact!.Identifier == settled.TrimStart('+'));
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id), "no message stored for the settled recipient");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Not seen: " + what);
            await Task.Delay(50);
        }
    }

    /// <summary>Chunks of <paramref name="ms"/> of the number's rate for this test (the class's tests run one at a time).</summary>
    private IDisposable WithChunkMs(int ms)
    {
        var options = Factory.Services.GetRequiredService<IOptions<CampaignsOptions>>().Value;
        var before = options.ChunkMs;
        options.ChunkMs = ms;
        return new Restore(() => options.ChunkMs = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    private async Task<JsonElement> RunSingleAsync(SignedIn admin, Guid templateId, string phone)
    {
        var id = (await admin.Client.CreateCampaignAsync(new { name = "One", templateId, recipients = Recipients(phone), sendNow = true })).GetProperty("id").GetGuid();
        var done = await admin.Client.WaitForCampaignAsync(id, d => d.Status() == "COMPLETED", "COMPLETED");
        return Assert.Single(done.Recipients());
    }

    /// <summary>A Cloud API number on the fake Graph API at the given rate, with an approved greeting template.</summary>
    /// <summary>An organization with a number and an approved template, two recipients' conversations opened and their messages rendered (not stored).</summary>
    private async Task<(SignedIn Admin, CloudNumber Number, Core.Templates.TemplateService Templates, InboxDb InboxDb, Core.Identity.Actor Actor,
        Core.Templates.TemplateSendBatch Plan, string[] Phones, IReadOnlyDictionary<string, SendTarget> Targets, List<OutboundTemplate> Items,
        Guid Changed, Guid Untouched)> TwoRenderedSendsAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (number, templateId) = await CloudTemplateAsync(admin, ratePerSecond: 20);
        var templates = Factory.Services.GetRequiredService<Core.Templates.TemplateService>();
        var inboxDb = Factory.Services.GetRequiredService<InboxDb>();
        var actor = new Core.Identity.Actor(null, admin.OrganizationId, Core.Identity.UserRole.ADMIN);
        string name;
        await using (var db = Factory.SystemDb()) name = await db.Set<Core.Templates.MessageTemplate>().Where(t => t.Id == templateId).Select(t => t.Name).SingleAsync();
        var plan = await templates.PrepareBatchAsync(actor, name, number.Id, "en_US");
        var phones = new[] { CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone() };
        var targets = await templates.OpenConversationsAsync(actor, plan, phones);
        var items = new List<OutboundTemplate>();
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
            items.Add(await templates.RenderPreparedAsync(actor, plan, targets[phone], new Dictionary<string, string?> { ["1"] = "Customer " + i }, Guid.NewGuid()));
        var changed = targets[phones[0]].ConversationId;
        var untouched = targets[phones[1]].ConversationId;
        return (admin, number, templates, inboxDb, actor, plan, phones, targets, items, changed, untouched);
    }

    /// <summary>Both rendered messages are stored, and each one's conversation shows it as its last message.</summary>
    private async Task<Dictionary<Guid, Conversation>> AssertBothStoredAndTouchedAsync(List<OutboundTemplate> items, Guid changed, Guid untouched)
    {
        await using var check = Factory.SystemDb();
        var conversations = await check.Conversations.AsNoTracking().Where(c => c.Id == changed || c.Id == untouched).ToDictionaryAsync(c => c.Id);
        var messages = await check.Messages.AsNoTracking().Where(m => m.ConversationId == changed || m.ConversationId == untouched).ToListAsync();
        Assert.Equal(items.Select(i => i.MessageId).Order(), messages.Select(m => m.Id).Order());
        foreach (var (id, i) in new[] { (changed, 0), (untouched, 1) })
        {
            var conversation = conversations[id];
            Assert.Equal(MessageDirection.OUTBOUND, conversation.LastMessageDirection);
            Assert.Contains("Customer " + i, conversation.LastMessagePreview);
            Assert.Equal(messages.Single(m => m.ConversationId == id).Timestamp, conversation.LastMessageAt);
        }
        return conversations;
    }

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
