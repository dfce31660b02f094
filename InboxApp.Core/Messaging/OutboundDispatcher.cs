using System.Text.Json.Nodes;
using InboxApp.Core.Data;
using InboxApp.Core.Realtime;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Messaging;

/// <summary>
/// Hands one PENDING outbound message to its channel, through the number's rate limiter and the recipient's pacing guard,
/// and records the outcome:
/// <list type="bullet">
/// <item>accepted: the wamid is stored and the status stays PENDING; Meta's <c>sent</c> webhook moves it on (acceptance is
/// not delivery to WhatsApp's servers, and the webhook may even arrive first: it finds the message by the callback data);</item>
/// <item>130429 (throughput): retried with exponential backoff; 131056 (pair rate): retried after the pacing delay; both
/// FAILED with the code once attempts run out;</item>
/// <item>any other channel error (131047, 131049, 131053, 190, …): FAILED with code, title and details;</item>
/// <item>response lost (<see cref="ChannelException.OutcomeUnknown"/>): UNKNOWN, never resent automatically; status webhooks
/// reconcile it through <c>biz_opaque_callback_data</c>.</item>
/// </list>
/// Outcome writes are conditional (only from PENDING, wamid only when unset), so a webhook that raced ahead is never undone.
/// </summary>
public sealed class OutboundDispatcher(InboxDb inboxDb, MediaStore media, ChannelSenders senders, IChannelAccountAlerts alerts, SendThrottle throttle,
    TimeProvider clock, IOptions<MessagingOptions> options, ILogger<OutboundDispatcher> logger)
{
    public async Task DispatchAsync(Guid organizationId, Guid messageId, CancellationToken ct = default)
    {
        OutboundSend send;
        Message message;
        await using (var db = inboxDb.For(organizationId))
        {
            message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == messageId, ct);
            var conversation = await db.Conversations.AsNoTracking().Include(c => c.Contact).FirstAsync(c => c.Id == message.ConversationId, ct);
            var number = await db.PhoneNumbers.AsNoTracking().Include(p => p.Account).FirstAsync(p => p.Id == conversation.PhoneNumberId, ct);
            send = new OutboundSend(organizationId, message.Id, conversation.Id, number, number.Account!, conversation.Contact!.ReplyTo, [],
                message.Type == MessageType.REACTION ? null : message.ContextWaMessageId);
        }
        await DispatchAsync(message, send, ct);
    }

    /// <summary>
    /// Dispatches a message its caller has just stored, with the number, account and recipient the caller already read
    /// (a campaign reads them once per batch): nothing is read again. Answers the outcome as recorded by this dispatch
    /// (accepted: PENDING with the wamid; FAILED with Meta's error; UNKNOWN); a status webhook may be ahead of it.
    /// </summary>
    /// <param name="message">The stored message (its type, content, media and quoted wamid).</param>
    /// <param name="send">Where it goes; its <see cref="OutboundSend.Content"/> is built here from the message.</param>
    /// <param name="numberSlotTaken">The caller already reserved this send's slot in the number's rate
    /// (<see cref="SendThrottle.ReserveNumber"/>, before it claimed and stored anything): the first attempt only passes the
    /// recipient's pacing guard. Retries after 130429/131056 take a new slot.</param>
    /// <param name="recordAccepted">False when the caller records the wamid itself (a campaign writes those of many sends in one
    /// statement): an accepted send is answered, not written.</param>
    /// <param name="throughputRetry">With <paramref name="numberSlotTaken"/>: the caller paces the retries after 130429 too (given the
    /// attempt refused; a campaign waits for its window's next free place): no fixed back-off, no new slot of the number.</param>
    internal async Task<DispatchOutcome> DispatchAsync(Message message, OutboundSend send, CancellationToken ct, bool numberSlotTaken = false, bool recordAccepted = true,
        Func<int, CancellationToken, Task>? throughputRetry = null)
    {
        var organizationId = send.OrganizationId;
        var messageId = message.Id;
        if (MessageContentJson.IsMedia(message.Type) && message.MediaId is null)
        {
            // Upload first, then send by id. Nothing reached the customer yet, so any failure here is a plain FAILED.
            var (mediaId, failed) = await UploadAsync(send, message, ct);
            if (mediaId is null) return failed!;
            message.MediaId = mediaId;
        }
        // A reaction's context is the message it reacts to, carried inside the reaction object (no context above).
        send = send with { Content = MessageContentJson.Of(message) };

        var sender = senders.For(send.Number.Kind);
        var o = options.Value;
        // True when the caller paced this attempt itself (its first, or a retry after 130429 through throughputRetry): then it
        // took the number's slot already and only the recipient's pacing is reserved here. A retry after 131056 takes a slot.
        var pacedByCaller = numberSlotTaken;
        for (var attempt = 1; ; attempt++)
        {
            var wait = pacedByCaller
                ? throttle.ReserveRecipient(send.Number.Id, send.To)
                : throttle.Reserve(send.Number.Id, send.Number.SendRatePerSecond, send.To);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            try
            {
                var wamid = await sender.SendAsync(send with { Content = (JsonObject)send.Content.DeepClone() }, ct);
                if (recordAccepted) await AcceptedAsync(organizationId, messageId, wamid, ct);
                return new DispatchOutcome(MessageStatus.PENDING, wamid, null, null);
            }
            catch (ChannelException e) when (e.OutcomeUnknown)
            {
                logger.LogWarning(e, "Send of message {MessageId} may or may not have reached Meta; marked UNKNOWN", messageId);
                return await SettleAsync(send, MessageStatus.UNKNOWN, null, null, null, ct);
            }
            catch (ChannelException e) when (e.IsThroughputLimit && attempt < o.MaxSendAttempts && numberSlotTaken && throughputRetry is not null)
            {
                await throughputRetry(attempt, ct);
                pacedByCaller = true;
            }
            catch (ChannelException e) when (e.IsThroughputLimit && attempt < o.MaxSendAttempts)
            {
                pacedByCaller = false;
                var backoff = TimeSpan.FromMilliseconds(o.ThroughputBackoffMs * Math.Pow(2, attempt - 1));
                logger.LogInformation("Meta throttled number {Number} (130429); retrying message {MessageId} in {Delay}", send.Number.Id, messageId, backoff);
                await Task.Delay(backoff, clock, ct);
            }
            catch (ChannelException e) when (e.IsPairRateLimit && attempt < o.MaxSendAttempts)
            {
                pacedByCaller = false;
                logger.LogInformation("Pair rate limit (131056) for message {MessageId}; retrying in {Delay} ms", messageId, o.PairRateRetryMs);
                await Task.Delay(TimeSpan.FromMilliseconds(o.PairRateRetryMs), clock, ct);
            }
            catch (ChannelException e)
            {
                var failed = await SettleAsync(send, MessageStatus.FAILED, e.ErrorCode, e.Title, e.Details ?? e.Message, ct);
                if (e.IsTokenProblem) await RaiseTokenAlertAsync(send, e.Message);
                return failed;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Unexpected: we cannot tell whether it went out, so it must not be resent blindly.
                logger.LogError(e, "Send of message {MessageId} failed unexpectedly; marked UNKNOWN", messageId);
                return await SettleAsync(send, MessageStatus.UNKNOWN, null, null, null, ct);
            }
        }
    }

    private async Task<(string? MediaId, DispatchOutcome? Failed)> UploadAsync(OutboundSend send, Message message, CancellationToken ct)
    {
        try
        {
            var file = media.OpenMessageMedia(send.OrganizationId, message.MediaPath, MediaTypes.Essence(message.MimeType));
            if (file is null)
            {
                return (null, await SettleAsync(send, MessageStatus.FAILED, "MEDIA_MISSING", "Media file missing", "The stored file of this message is gone; send the file again.", ct));
            }
            byte[] content;
            await using (file)
            {
                using var buffer = new MemoryStream();
                await file.Content.CopyToAsync(buffer, ct);
                content = buffer.ToArray();
            }
            var mediaId = await senders.For(send.Number.Kind).UploadMediaAsync(send.Number, send.Account, content, MediaTypes.Essence(message.MimeType),
                message.FileName ?? $"{message.Id:N}.{MediaTypes.ExtensionFor(message.MimeType)}", ct);
            await using var db = inboxDb.For(send.OrganizationId);
            await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.MediaId, mediaId), CancellationToken.None);
            return (mediaId, null);
        }
        catch (ChannelException e)
        {
            logger.LogWarning(e, "Upload of the media of message {MessageId} failed ({Code})", message.Id, e.ErrorCode);
            var failed = await SettleAsync(send, MessageStatus.FAILED, e.ErrorCode, e.Title, e.Details ?? e.Message, ct);
            if (e.IsTokenProblem) await RaiseTokenAlertAsync(send, e.Message);
            return (null, failed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "The media file of message {MessageId} could not be read", message.Id);
            return (null, await SettleAsync(send, MessageStatus.FAILED, "MEDIA_MISSING", "Media file unreadable", "The stored file of this message could not be read; send the file again.", ct));
        }
    }

    /// <summary>The channel refused the account's token (190): the admins see a TOKEN alert (not duplicated while one is open).</summary>
    private Task RaiseTokenAlertAsync(OutboundSend send, string metaMessage) =>
        alerts.TokenRefusedAsync(send.OrganizationId, send.Account.Id, send.Account.Alias, metaMessage, CancellationToken.None);

    private async Task AcceptedAsync(Guid organizationId, Guid messageId, string wamid, CancellationToken ct)
    {
        await using var db = inboxDb.For(organizationId);
        await db.Messages.Where(m => m.Id == messageId && m.WaMessageId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.WaMessageId, wamid), CancellationToken.None);
    }

    /// <summary>Records FAILED (with Meta's error) or UNKNOWN (no error: the status webhooks may still prove it delivered).</summary>
    private async Task<DispatchOutcome> SettleAsync(OutboundSend send, MessageStatus status, string? code, string? title, string? details, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        title = title is { Length: > 500 } ? title[..500] : title;
        details = details is { Length: > 2000 } ? details[..2000] : details;
        await using var db = inboxDb.For(send.OrganizationId);
        await db.ChangeRaisingAsync(
            () => db.Messages.Where(m => m.Id == send.MessageId && m.Status == MessageStatus.PENDING)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, status)
                    .SetProperty(m => m.ErrorCode, code)
                    .SetProperty(m => m.ErrorTitle, title)
                    .SetProperty(m => m.ErrorDetails, details)
                    .SetProperty(m => m.FailedAt, status == MessageStatus.FAILED ? now : null), CancellationToken.None),
            n => n == 0 ? [] : [new MessageStatusChanged(send.OrganizationId, send.ConversationId, send.MessageId, status)], CancellationToken.None);
        return new DispatchOutcome(status, null, code, title);
    }
}

/// <summary>What a dispatch recorded: PENDING with Meta's wamid (accepted), FAILED with Meta's error, or UNKNOWN.</summary>
public sealed record DispatchOutcome(MessageStatus Status, string? WaMessageId, string? ErrorCode, string? ErrorTitle);
