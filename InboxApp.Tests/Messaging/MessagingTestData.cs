using System.Net;
using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Messaging;

public sealed record CloudNumber(Guid Id, string MetaId, string Token);

/// <summary>The app on a fresh database, pointed at an in-process fake Graph API, with short retry delays.</summary>
public sealed class GraphBackedApp : IAsyncLifetime
{
    /// <summary>
    /// The collection whose classes share one app and one fake Graph API (<c>[Collection(GraphBackedApp.Collection)]</c>,
    /// the class takes <c>GraphBackedApp app</c> without <c>IClassFixture</c>). For tests that make their own organization
    /// and number (<see cref="MessagingTestData.SeedCloudNumberAsync"/>) and queue failures only for their own number's
    /// paths; a class that changes the fake's global switches (<see cref="FakeGraphApi.Delay"/>, <see cref="FakeGraphApi.BeforeAnswer"/>)
    /// or counts every call keeps <c>IClassFixture&lt;GraphBackedApp&gt;</c>.
    /// </summary>
    public const string Collection = "Graph-backed app";

    public FakeGraphApi Graph { get; private set; } = null!;
    public InboxAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Factory = new InboxAppFactory()
            .With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl)
            .With("Messaging:ThroughputBackoffMs", "40")
            .With("Messaging:PairRateRetryMs", "40")
            // Tests send more than ten messages to one customer (every message type, one after another); the pacing guard
            // per recipient has tests of its own (SendThrottleTests), here it would only hold the eleventh for 6 s.
            .With("Messaging:RecipientBurst", "45")
            .With("Sandbox:SentDelayMs", "30")
            .With("Sandbox:DeliveredDelayMs", "60")
            .With("Sandbox:ReadDelayMs", "90");
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Graph.DisposeAsync();
    }
}

public static class MessagingTestData
{
    /// <summary>A Cloud API number known to the fake Graph API, with its token encrypted on the account.</summary>
    public static async Task<CloudNumber> SeedCloudNumberAsync(this InboxAppFactory factory, FakeGraphApi graph, Guid organizationId, bool validToken = true)
    {
        var (waba, phoneId, token) = graph.AddAccount();
        var protector = factory.Services.GetRequiredService<InboxApp.Core.Channels.Accounts.ChannelSecrets>();
        var now = DateTimeOffset.UtcNow;
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var account = new WhatsAppAccount
        {
            WabaId = waba, Alias = "Main", AccessTokenProtected = protector.ProtectToken(validToken ? token : "EAAG-revoked-token"),
            AppSubscribed = true, CreatedAt = now, UpdatedAt = now,
        };
        var number = new PhoneNumber
        {
            AccountId = account.Id, MetaPhoneNumberId = phoneId, DisplayPhoneNumber = "+1 555-010-0100", VerifiedName = "Acme",
            RegistrationStatus = RegistrationStatus.REGISTERED, CanReceiveMessages = true, CanSendMessages = true, CanSendTemplates = true,
            CreatedAt = now, UpdatedAt = now,
        };
        db.WhatsAppAccounts.Add(account);
        db.PhoneNumbers.Add(number);
        await db.SaveChangesAsync();
        return new CloudNumber(number.Id, phoneId, token);
    }

    /// <summary>A customer writes to the number (a signed webhook, processed); returns the conversation and the inbound message.</summary>
    public static async Task<(Guid ConversationId, Guid MessageId, string WaMessageId)> InboundTextAsync(this InboxAppFactory factory, string metaPhoneNumberId,
        string waId, string text = "Hello, I need help", DateTimeOffset? at = null)
    {
        var wamid = "wamid.IN" + Guid.NewGuid().ToString("N");
        var body = Messages(metaPhoneNumberId, Array(Contact(waId, "Customer " + waId[^4..])), Array(Text(wamid, waId, text, at ?? DateTimeOffset.UtcNow.AddMinutes(-1))));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.WaMessageId == wamid);
        return (message.ConversationId, message.Id, wamid);
    }

    /// <summary>Meta's status webhook for one of our messages (signed), processed.</summary>
    public static async Task StatusAsync(this InboxAppFactory factory, string metaPhoneNumberId, string wamid, string status, string recipient,
        string? callbackData = null, JsonObject? error = null)
    {
        var body = Messages(metaPhoneNumberId, statuses: Array(Status(wamid, status, DateTimeOffset.UtcNow, recipient, error, callbackData)));
        await (await factory.CreateClient().SendAsync(Signed(body))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
    }

    public static string NewWaId() => "1415" + Random.Shared.Next(1_000_000, 9_999_999);

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(25);
        }
    }

    /// <summary>The send calls made to the fake Graph API for one phone number.</summary>
    public static List<FakeGraphApi.Call> Sends(this FakeGraphApi graph, string phoneId) =>
        graph.CallsTo($"{phoneId}/messages").Where(c => c.Method == "POST").ToList();
}

[CollectionDefinition(GraphBackedApp.Collection), RunsLong(30)]
public sealed class GraphBackedAppCollection : ICollectionFixture<GraphBackedApp>;
