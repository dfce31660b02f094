using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Events;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Tests.Events;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>A host that may post to loopback (the test receiver), retries quickly and turns an endpoint off after 3 failures.</summary>
/// <summary>
/// The app with fast outgoing-webhook retries and sandbox statuses. One host for the classes of <see cref="Collection"/>
/// (they run one after another; each test makes its own organizations and counts only their rows).
/// </summary>
public sealed class OutgoingWebhooksFactory : InboxAppFactory
{
    public const string Collection = "Outgoing webhooks app";

    public OutgoingWebhooksFactory()
    {
        With("OutgoingWebhooks:AllowPrivateTargets", "true");
        With("OutgoingWebhooks:RetryBaseDelay", "00:00:00.050");
        With("OutgoingWebhooks:DisableAfterConsecutiveFailures", "3");
        With("Sandbox:SentDelayMs", "50");
        With("Sandbox:DeliveredDelayMs", "100");
        With("Sandbox:ReadDelayMs", "150");
    }
}

[CollectionDefinition(OutgoingWebhooksFactory.Collection)]
public sealed class OutgoingWebhooksAppCollection : ICollectionFixture<OutgoingWebhooksFactory>;

[Collection(OutgoingWebhooksFactory.Collection)]
public sealed class OutgoingWebhookDeliveryTests(OutgoingWebhooksFactory factory) : IAsyncLifetime
{
    private const string Base = "/v1/outgoing-webhooks";
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    internal static async Task<(Guid Id, string Secret)> RegisterAsync(SignedIn admin, string url, params string[] events)
    {
        var response = await admin.Client.PostAsJsonAsync(Base, new { url, events = events.Length == 0 ? OutgoingWebhookEvents.All.ToArray() : events });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return (data.GetProperty("id").GetGuid(), data.GetProperty("secret").GetString()!);
    }

    internal static async Task<JsonElement> SimulateAsync(SignedIn admin, params string[] messages)
    {
        await (await admin.Client.PostAsJsonAsync("/api/v1/sandbox/numbers", new { alias = "Webhooks" })).ShouldBe(HttpStatusCode.Created);
        var response = await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/conversation",
            new { contact = new { name = "Maria Gomez", phone = "+54 9 11 5555-1234" }, messages });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    private static void AssertSigned(WebhookReceiver.Received r, string secret) =>
        Assert.True(WebhookSignature.Verify(secret, r.Id, r.Timestamp, r.Body, r.Signature), $"signature of {r.Id} ({r.Signature})");

    private async Task<int> FanOutRowsAsync(Guid org)
    {
        await using var db = factory.SystemDb();
        return await db.OutboxDeliveries.CountAsync(d => d.OrganizationId == org && d.Listener == nameof(OutgoingWebhookFanOut));
    }

    [Fact]
    public async Task Without_endpoints_no_fan_out_rows_are_written_and_the_first_endpoint_gets_the_next_message()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var conversationId = (await SimulateAsync(admin, "Hola!")).GetProperty("conversationId").GetGuid();
        await using (var db = factory.SystemDb())
        {
            var rows = await db.OutboxDeliveries.Where(d => d.OrganizationId == admin.OrganizationId).Select(d => new { d.EventType, d.Listener }).ToListAsync();
            Assert.Contains(rows, r => r.EventType == nameof(MessageReceived)); // the message's other durable listeners got theirs
            Assert.DoesNotContain(rows, r => r.Listener == nameof(OutgoingWebhookFanOut));
        }

        var (webhookId, _) = await RegisterAsync(admin, receiver.BaseUrl + "/first", OutgoingWebhookEvents.MessageReceived);
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Still there?" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await FanOutRowsAsync(admin.OrganizationId));
        await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/first").Any(r => r.AnsweredWith == 200 && r.Body.Contains("Still there?"))),
            because: "the message after the endpoint was made is delivered to it");

        // Gone again: the next message writes no row for it.
        await (await admin.Client.DeleteAsync($"{Base}/{webhookId}")).ShouldBe(HttpStatusCode.NoContent);
        await (await admin.Client.PostAsJsonAsync("/api/v1/dev/simulate/message", new { conversationId, text = "Hello?" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(1, await FanOutRowsAsync(admin.OrganizationId));
    }

    [Fact]
    public async Task Every_event_arrives_signed_once_and_in_order_after_the_endpoint_failed_a_few_times()
    {
        var admin = await factory.RegisterOrganizationAsync();
        receiver.Plan("/flaky", 500, 503); // two failures: a third in a row would turn the endpoint off (this host says 3)
        var (webhookId, secret) = await RegisterAsync(admin, receiver.BaseUrl + "/flaky");
        var simulated = await SimulateAsync(admin, "Hola!", "My order is late");
        var conversationId = simulated.GetProperty("conversationId").GetGuid();

        try
        {
            await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/flaky").Count(r => r.AnsweredWith == 200) >= 3),
                because: "the conversation and its two messages are delivered");
        }
        catch (Exception)
        {
            await using var db = factory.SystemDb();
            var dump = string.Join("\n", (await db.Set<OutgoingWebhookDelivery>().Where(d => d.WebhookId == webhookId).ToListAsync())
                .Select(d => $"{d.EventType} {d.Status} {d.Attempts} {d.LastError} {d.CreatedAt:O} {d.NextAttemptAt:O}"));
            var outbox = string.Join("\n", (await db.OutboxDeliveries.Where(d => d.OrganizationId == admin.OrganizationId).ToListAsync())
                .Select(d => $"{d.EventType} {d.Listener} {d.Status} {d.LastError}"));
            Assert.Fail($"rows:\n{dump}\noutbox:\n{outbox}\nreceived: {string.Join(", ", receiver.On("/flaky").Select(r => r.AnsweredWith))}");
        }
        var requests = receiver.On("/flaky");
        Assert.Equal(2, requests.Count(r => r.AnsweredWith != 200));
        foreach (var r in requests) AssertSigned(r, secret);
        var delivered = requests.Where(r => r.AnsweredWith == 200).ToList();
        Assert.Equal(delivered.Count, delivered.Select(r => r.Id).Distinct().Count()); // each event once
        var events = delivered.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["conversation.created", "message.received", "message.received"], types.Where(t => t != "conversation.assigned"));
        var messages = events.Where(e => e.GetProperty("type").GetString() == "message.received").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(["Hola!", "My order is late"], messages.Select(m => m.GetProperty("message").GetProperty("text").GetString()));
        foreach (var data in messages)
        {
            Assert.Equal(conversationId, data.GetProperty("conversationId").GetGuid());
            Assert.Equal(simulated.GetProperty("phoneNumberId").GetGuid(), data.GetProperty("phoneId").GetGuid());
            Assert.False(string.IsNullOrEmpty(data.GetProperty("contactIdentifier").GetString()));
            Assert.False(string.IsNullOrEmpty(data.GetProperty("contactReplyTo").GetString()));
            Assert.True(data.TryGetProperty("contactPhone", out _));
            Assert.Equal(conversationId, data.GetProperty("message").GetProperty("conversationId").GetGuid());
        }

        // The log tells the attempts; a redelivery posts the same webhook-id again.
        var log = await (await admin.Client.GetAsync($"{Base}/{webhookId}/deliveries")).Json();
        var rows = log.GetProperty("data").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("DELIVERED", r.GetProperty("status").GetString()));
        Assert.Equal(2 + rows.Count, rows.Sum(r => r.GetProperty("attempts").GetInt32()));
        Assert.All(rows, r => Assert.Equal(200, r.GetProperty("responseStatus").GetInt32()));
        Assert.All(rows, r => Assert.Equal("{\"ok\":true}", r.GetProperty("responseExcerpt").GetString()));
        var first = rows.Last();
        var again = await (await admin.Client.PostAsync($"{Base}/{webhookId}/deliveries/{first.GetProperty("id").GetGuid()}/redeliver", null)).Data();
        Assert.Equal("PENDING", again.GetProperty("status").GetString());
        var messageId = first.GetProperty("messageId").GetString();
        await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/flaky").Count(r => r.Id == messageId && r.AnsweredWith == 200) == 2),
            because: "the redelivery arrives");
    }

    [Fact]
    public async Task A_reply_tells_sent_delivered_and_read_and_taking_over_and_resolving_tell_assigned_and_resolved()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, secret) = await RegisterAsync(admin, receiver.BaseUrl + "/lifecycle", "message.sent", "message.delivered", "message.read",
            "conversation.assigned", "conversation.resolved");
        var conversationId = (await SimulateAsync(admin, "Hello")).GetProperty("conversationId").GetGuid();
        var reply = await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Hi there" })).Data();
        var replyId = reply.GetProperty("id").GetGuid();
        await (await admin.Client.PostAsync($"/api/v1/conversations/{conversationId}/takeover", null)).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PostAsync($"/api/v1/conversations/{conversationId}/resolve", null)).ShouldBe(HttpStatusCode.OK);

        List<JsonElement> Events() => receiver.On("/lifecycle").Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        string[] expected = ["message.sent", "message.delivered", "message.read", "conversation.assigned", "conversation.resolved"];
        await EventsTestData.EventuallyAsync(() => Task.FromResult(expected.All(t => Events().Any(e => e.GetProperty("type").GetString() == t))),
            because: "every subscribed event arrives");
        foreach (var r in receiver.On("/lifecycle")) AssertSigned(r, secret);
        var statuses = Events().Where(e => e.GetProperty("type").GetString()!.StartsWith("message.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["message.sent", "message.delivered", "message.read"], statuses.Select(e => e.GetProperty("type").GetString()));
        Assert.All(statuses, e => Assert.Equal(replyId, e.GetProperty("data").GetProperty("message").GetProperty("id").GetGuid()));
        var assigned = Events().First(e => e.GetProperty("type").GetString() == "conversation.assigned").GetProperty("data");
        Assert.Equal(admin.UserId, assigned.GetProperty("assigneeId").GetGuid());
        Assert.Equal(conversationId, assigned.GetProperty("conversation").GetProperty("id").GetGuid());
        var resolved = Events().Single(e => e.GetProperty("type").GetString() == "conversation.resolved").GetProperty("data");
        Assert.Equal("CLOSED", resolved.GetProperty("conversation").GetProperty("status").GetString());
        Assert.True(resolved.GetProperty("conversation").TryGetProperty("resolvedAt", out _));
        Assert.Equal(conversationId, resolved.GetProperty("conversationId").GetGuid());
    }

    [Fact]
    public async Task A_test_event_is_sent_at_once_and_a_rotated_secret_signs_beside_the_old_one()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (id, secret) = await RegisterAsync(admin, receiver.BaseUrl + "/test", "message.received");
        var result = await (await admin.Client.PostAsync($"{Base}/{id}/test", null)).Data();
        Assert.Equal(("DELIVERED", 200, "webhook.test"),
            (result.GetProperty("status").GetString(), result.GetProperty("responseStatus").GetInt32(), result.GetProperty("eventType").GetString()));
        AssertSigned(Assert.Single(receiver.On("/test")), secret);

        var rotated = (await (await admin.Client.PostAsync($"{Base}/{id}/rotate-secret", null)).Data()).GetProperty("secret").GetString()!;
        await (await admin.Client.PostAsync($"{Base}/{id}/test", null)).ShouldBe(HttpStatusCode.OK);
        var second = receiver.On("/test")[1];
        Assert.Equal(2, second.Signature.Split(' ').Length);
        AssertSigned(second, secret);
        AssertSigned(second, rotated);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_a_run_of_failures_turns_the_endpoint_off_and_alerts_the_admins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        receiver.Plan("/down", 302, 500, 500);
        var (id, _) = await RegisterAsync(admin, receiver.BaseUrl + "/down", "message.received");
        var redirected = await (await admin.Client.PostAsync($"{Base}/{id}/test", null)).Data();
        Assert.Equal(("FAILED", 302), (redirected.GetProperty("status").GetString(), redirected.GetProperty("responseStatus").GetInt32()));
        Assert.Empty(receiver.On("/redirected"));
        await (await admin.Client.PostAsync($"{Base}/{id}/test", null)).ShouldBe(HttpStatusCode.OK);
        await (await admin.Client.PostAsync($"{Base}/{id}/test", null)).ShouldBe(HttpStatusCode.OK);

        var hook = await (await admin.Client.GetAsync($"{Base}/{id}")).Data();
        Assert.False(hook.GetProperty("isActive").GetBoolean());
        Assert.Contains("3 failed deliveries", hook.GetProperty("disabledReason").GetString());
        await using (var db = factory.SystemDb())
        {
            var alert = await db.Set<ChannelAlert>().SingleAsync(a => a.OrganizationId == admin.OrganizationId);
            Assert.Equal(ChannelAlertKind.WEBHOOK, alert.Kind);
        }
        // Off: new events are not queued for it; on again: it receives them.
        var offConversation = (await SimulateAsync(admin, "While off")).GetProperty("conversationId").GetGuid();
        await EventsTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.Messages.AnyAsync(m => m.ConversationId == offConversation)
                && !await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == admin.OrganizationId && d.Listener == nameof(OutgoingWebhookFanOut)
                    && d.Status != InboxApp.Core.Events.OutboxDeliveryStatus.DELIVERED);
        }, because: "the event while off was handled");
        var on = await (await admin.Client.PatchAsJsonAsync($"{Base}/{id}", new { isActive = true })).Data();
        Assert.Equal((true, 0), (on.GetProperty("isActive").GetBoolean(), on.GetProperty("consecutiveFailures").GetInt32()));
        await using (var db = factory.SystemDb())
            Assert.Equal(3, await db.Set<OutgoingWebhookDelivery>().CountAsync(d => d.WebhookId == id));
    }
}

/// <summary>Deliveries stored before a restart are sent by the restarted app.</summary>
[RunsLong(8)]
public sealed class OutgoingWebhookRestartTests : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Events_stored_while_the_endpoint_was_down_arrive_once_after_a_restart()
    {
        var first = new OutgoingWebhooksFactory().With("OutgoingWebhooks:RetryBaseDelay", "00:00:05");
        var admin = await first.RegisterOrganizationAsync();
        receiver.Plan("/restart", 500);
        var (webhookId, secret) = await OutgoingWebhookDeliveryTests.RegisterAsync(admin, receiver.BaseUrl + "/restart", "message.received");
        await OutgoingWebhookDeliveryTests.SimulateAsync(admin, "Before the restart");
        await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/restart").Count == 1), because: "the first attempt fails");
        await EventsTestData.EventuallyAsync(async () =>
        {
            await using var db = first.SystemDb();
            return await db.Set<OutgoingWebhookDelivery>().AnyAsync(d => d.WebhookId == webhookId && d.Status == OutgoingWebhookDeliveryStatus.PENDING && d.Attempts == 1);
        }, because: "the failure is recorded");

        using var restarted = first.Restart();
        _ = restarted.Services; // starts the host (and its delivery worker)
        await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/restart").Any(r => r.AnsweredWith == 200)), because: "the restarted app retries");
        var requests = receiver.On("/restart");
        Assert.Equal(2, requests.Count);
        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Id, r.Timestamp, r.Body, r.Signature)));
        // The worker records the outcome after the receiver has answered: wait for the row to leave PROCESSING.
        OutgoingWebhookDelivery? row = null;
        await EventsTestData.EventuallyAsync(async () =>
        {
            await using var db = restarted.SystemDb();
            row = await db.Set<OutgoingWebhookDelivery>().SingleAsync(d => d.WebhookId == webhookId);
            return row.Status != OutgoingWebhookDeliveryStatus.PROCESSING;
        }, because: "the delivery's outcome is recorded");
        Assert.Equal((OutgoingWebhookDeliveryStatus.DELIVERED, 2), (row!.Status, row.Attempts));
        Assert.Equal(2, receiver.On("/restart").Count);
    }
}
