using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// The sandbox channel: no network. Accepts a message with a new wamid and, a moment later, produces its <c>sent</c>,
/// <c>delivered</c> and <c>read</c> status webhooks through the normal pipeline. Failures are simulated by a marker in the
/// message's content (<c>#fail</c> gives 131026, <c>#fail:131047</c> any code) or by a failure armed for the conversation or number
/// (<see cref="SandboxFailure"/>). Codes Meta answers at once (130429, 131056, 190, 131009) are thrown as Graph errors;
/// the others arrive as a <c>failed</c> status webhook, as Meta reports undeliverable messages.
/// </summary>
public sealed partial class SandboxSender(InboxDb inboxDb, SandboxStatusScheduler scheduler, TimeProvider clock, IOptions<SandboxOptions> options) : IChannelSender
{
    public const int DefaultFailureCode = 131026;
    private static readonly HashSet<int> Synchronous = [GraphApiException.Throughput, GraphApiException.PairRateLimit, GraphApiException.ExpiredToken, 131009];

    public PhoneNumberKind Kind => PhoneNumberKind.SANDBOX;

    public async Task<string> SendAsync(OutboundSend send, CancellationToken ct)
    {
        var code = MarkerCode(send.Content) ?? await TakeArmedFailureAsync(send, ct);
        if (code is { } c && Synchronous.Contains(c))
        {
            var title = GraphErrorTitles.For(c, "Simulated failure");
            throw new GraphApiException(c == GraphApiException.ExpiredToken ? 401 : 400, c, null, title, "OAuthException",
                $"Simulated by the sandbox channel (code {c}).", null);
        }

        var wamid = SandboxPayloads.NewWamid();
        var now = clock.GetUtcNow();
        var o = options.Value;
        Schedule(send, now.AddMilliseconds(o.SentDelayMs), wamid, "sent", null);
        if (code is { } failure)
        {
            Schedule(send, now.AddMilliseconds(o.DeliveredDelayMs), wamid, "failed", failure);
        }
        else
        {
            Schedule(send, now.AddMilliseconds(o.DeliveredDelayMs), wamid, "delivered", null);
            Schedule(send, now.AddMilliseconds(o.ReadDelayMs), wamid, "read", null);
        }
        return wamid;
    }

    /// <summary>No network: the file stays where it is stored; the id only has to be unique, as Meta's are.</summary>
    public Task<string> UploadMediaAsync(PhoneNumber number, WhatsAppAccount account, byte[] content, string mimeType, string fileName, CancellationToken ct) =>
        Task.FromResult("sandbox-media-" + Guid.NewGuid().ToString("N"));

    /// <summary>Nobody reads receipts on the sandbox: the caller's record of the receipt is all there is.</summary>
    public Task MarkReadAsync(PhoneNumber number, WhatsAppAccount account, string wamid, bool typingIndicator, CancellationToken ct) => Task.CompletedTask;

    private void Schedule(OutboundSend send, DateTimeOffset due, string wamid, string status, int? errorCode)
    {
        var value = SandboxPayloads.MessagesValue(send.Number,
            statuses: new JsonArray(SandboxPayloads.Status(wamid, status, due, send.To, send.MessageId, errorCode)));
        scheduler.Schedule(due, SandboxPayloads.Envelope(send.Account.WabaId, "messages", value));
    }

    /// <summary>The failure marker anywhere in the message's own object (a text, a caption, an interactive body…).</summary>
    private static int? MarkerCode(JsonObject content)
    {
        var type = content["type"]?.GetValue<string>();
        var body = type is null ? null : content[type]?.ToJsonString();
        if (body is null) return null;
        var match = FailMarker().Match(body);
        if (!match.Success) return null;
        return match.Groups[1].Success && int.TryParse(match.Groups[1].Value, out var code) && code > 0 ? code : DefaultFailureCode;
    }

    private async Task<int?> TakeArmedFailureAsync(OutboundSend send, CancellationToken ct)
    {
        await using var db = inboxDb.For(send.OrganizationId);
        var failures = db.Set<SandboxFailure>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var armed = await failures.AsNoTracking()
                .Where(f => f.PhoneNumberId == send.Number.Id && (f.ConversationId == null || f.ConversationId == send.ConversationId))
                .OrderBy(f => f.ConversationId == null).ThenBy(f => f.CreatedAt)
                .Select(f => new { f.Id, f.ErrorCode }).FirstOrDefaultAsync(ct);
            if (armed is null) return null;
            // Whoever deletes it uses it: two parallel sends never both take one failure.
            if (await failures.Where(f => f.Id == armed.Id).ExecuteDeleteAsync(ct) == 1) return armed.ErrorCode;
        }
        return null;
    }

    [GeneratedRegex(@"#fail(?::(\d{1,6}))?", RegexOptions.IgnoreCase)]
    private static partial Regex FailMarker();
}
