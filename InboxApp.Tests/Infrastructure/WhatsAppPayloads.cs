using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Data;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Infrastructure;

/// <summary>Builds WhatsApp Cloud API webhook payloads shaped as Meta documents them, and posts them signed.</summary>
public static class WhatsAppPayloads
{
    public static long Unix(DateTimeOffset t) => t.ToUnixTimeSeconds();

    /// <summary>A <c>messages</c> change for one phone number with the given contacts, messages and statuses.</summary>
    public static string Messages(string phoneNumberId, JsonArray? contacts = null, JsonArray? messages = null, JsonArray? statuses = null, string wabaId = "102290129340398")
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = phoneNumberId },
        };
        if (contacts is not null) value["contacts"] = contacts;
        if (messages is not null) value["messages"] = messages;
        if (statuses is not null) value["statuses"] = statuses;
        return Envelope(wabaId, ("messages", value));
    }

    public static string Envelope(string wabaId, params (string Field, JsonObject Value)[] changes) => EnvelopeAt(wabaId, null, changes);

    /// <summary>An envelope whose entry has Meta's <c>time</c> (Unix seconds) when <paramref name="time"/> is given.</summary>
    public static string EnvelopeAt(string wabaId, DateTimeOffset? time, params (string Field, JsonObject Value)[] changes)
    {
        var entry = new JsonObject
        {
            ["id"] = wabaId,
            ["changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject { ["value"] = c.Value, ["field"] = c.Field }).ToArray()),
        };
        if (time is { } t) entry["time"] = Unix(t);
        return new JsonObject { ["object"] = "whatsapp_business_account", ["entry"] = new JsonArray(entry) }.ToJsonString();
    }

    public static JsonObject Contact(string waId, string name, string? userId = null, string? username = null)
    {
        var c = new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = waId };
        if (userId is not null) c["user_id"] = userId;
        if (username is not null) c["username"] = username;
        return c;
    }

    public static JsonObject Text(string id, string from, string body, DateTimeOffset at) => new()
    {
        ["from"] = from, ["id"] = id, ["timestamp"] = Unix(at).ToString(), ["type"] = "text", ["text"] = new JsonObject { ["body"] = body },
    };

    public static JsonObject Status(string id, string status, DateTimeOffset at, string recipient, JsonObject? error = null, string? callbackData = null)
    {
        var s = new JsonObject
        {
            ["id"] = id, ["status"] = status, ["timestamp"] = Unix(at).ToString(), ["recipient_id"] = recipient,
            ["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = "service" },
        };
        if (error is not null) s["errors"] = new JsonArray(error);
        if (callbackData is not null) s["biz_opaque_callback_data"] = callbackData;
        return s;
    }

    /// <summary>An inbound media message (<c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>, <c>sticker</c>) carrying a media id.</summary>
    public static JsonObject Media(string id, string from, string type, string mediaId, string mimeType, DateTimeOffset at, string? sha256 = null,
        string? caption = null, string? fileName = null)
    {
        var media = new JsonObject { ["id"] = mediaId, ["mime_type"] = mimeType };
        if (sha256 is not null) media["sha256"] = sha256;
        if (caption is not null) media["caption"] = caption;
        if (fileName is not null) media["filename"] = fileName;
        return new JsonObject { ["from"] = from, ["id"] = id, ["timestamp"] = Unix(at).ToString(), ["type"] = type, [type] = media };
    }

    public static HttpRequestMessage Signed(string body, string secret = InboxAppFactory.WhatsAppAppSecret, string? signatureOverride = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, signatureOverride ?? WebhookSignature.Sign(bytes, secret));
        return request;
    }

    /// <summary>
    /// Connects a Cloud API number to the organization directly in the database (the accounts API is a separate feature),
    /// optionally with the account's access token (stored encrypted, as the accounts feature stores it) and a chosen phone number id.
    /// </summary>
    public static async Task<(Guid AccountId, Guid PhoneNumberId, string MetaPhoneNumberId)> SeedNumberAsync(this InboxAppFactory factory, Guid organizationId,
        string? accessToken = null, string? metaPhoneNumberId = null)
    {
        var metaId = metaPhoneNumberId ?? Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString();
        var now = DateTimeOffset.UtcNow;
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(organizationId);
        var account = new WhatsAppAccount
        {
            WabaId = "1022" + metaId[..8], Alias = "Main", CreatedAt = now, UpdatedAt = now, AppSubscribed = true,
            AccessTokenProtected = accessToken is null ? null : factory.Services.GetRequiredService<InboxApp.Core.Channels.Accounts.ChannelSecrets>().ProtectToken(accessToken),
        };
        var number = new PhoneNumber
        {
            AccountId = account.Id, MetaPhoneNumberId = metaId, DisplayPhoneNumber = "+1 555-" + metaId[..7], VerifiedName = "Acme",
            RegistrationStatus = RegistrationStatus.REGISTERED, CreatedAt = now, UpdatedAt = now,
            CanReceiveMessages = true, CanSendMessages = true, CanSendTemplates = true,
        };
        db.WhatsAppAccounts.Add(account);
        db.PhoneNumbers.Add(number);
        await db.SaveChangesAsync();
        return (account.Id, number.Id, metaId);
    }

    /// <summary>
    /// Waits until every stored delivery is processed and, unless <paramref name="outbox"/> is false, every outbox row that is
    /// due has been delivered (listeners such as channel alerts run after the webhook's commit).
    /// </summary>
    public static async Task DrainWebhooksAsync(this InboxAppFactory factory, TimeSpan? timeout = null, bool outbox = true)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await using (var db = factory.SystemDb())
            {
                var now = DateTimeOffset.UtcNow;
                if (!await db.WebhookDeliveries.AnyAsync(d => d.Status == WebhookDeliveryStatus.PENDING || d.Status == WebhookDeliveryStatus.PROCESSING)
                    && (!outbox || !await db.OutboxDeliveries.AnyAsync(d => d.Status == OutboxDeliveryStatus.PROCESSING
                        || (d.Status == OutboxDeliveryStatus.PENDING && d.Attempts == 0 && d.NextAttemptAt <= now))))
                    return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Webhook deliveries were not processed in time");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Waits until none of an organization's outbox deliveries is pending or processing, retries included (unlike
    /// <see cref="DrainWebhooksAsync"/>, which leaves a delivery waiting for its retry): its listeners are done.
    /// </summary>
    public static Task OutboxDrainedAsync(this InboxAppFactory factory, Guid organizationId, TimeSpan? timeout = null) =>
        InboxApp.Tests.Messaging.MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return !await db.OutboxDeliveries.AnyAsync(d => d.OrganizationId == organizationId
                && (d.Status == OutboxDeliveryStatus.PENDING || d.Status == OutboxDeliveryStatus.PROCESSING));
        }, "the outbox to deliver", timeout ?? TimeSpan.FromSeconds(30));

    public static JsonArray Array(params JsonNode[] nodes) => new(nodes);

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
