using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>The message reacted to (its <c>reactions</c> show ours) and the reaction message itself (its status and error).</summary>
public sealed record ReactionResultDto(MessageDto Message, MessageDto Reaction);

/// <summary>Message actions besides sending: reacting to a message and hiding it from the inbox.</summary>
public sealed class ReactionService(InboxDb inboxDb, MessageSender sender)
{
    public const string NotReactable = "NOT_REACTABLE";

    /// <summary>
    /// Reacts to a message of the organization with one emoji, or removes our reaction with an empty string. A reaction is a
    /// free-form message: only while the conversation's window is open (WINDOW_CLOSED otherwise), through the same pipeline.
    /// </summary>
    public async Task<ReactionResultDto> ReactAsync(Actor actor, Guid messageId, string? emoji, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        OutboundValidation.Emoji(emoji);
        Message target;
        await using (var db = inboxDb.For(actor.Org))
            target = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct) ?? throw InboxException.NotFound("Message");
        if (target.Type == MessageType.REACTION) throw InboxException.Conflict("A reaction cannot be reacted to", NotReactable);
        if (target.WaMessageId is null) throw InboxException.Conflict("This message never reached WhatsApp, so it cannot be reacted to", NotReactable);

        var reaction = await sender.SendAsync(actor, target.ConversationId, new OutboundDraft(MessageType.REACTION)
        {
            Emoji = emoji,
            ReactsTo = target.WaMessageId,
            ContentJson = MessageContentJson.Reaction(target.WaMessageId, emoji!).ToJsonString(),
        }, ct);
        await using var read = inboxDb.For(actor.Org);
        return new ReactionResultDto(await read.MessageDtoAsync(messageId, ct), reaction);
    }

    /// <summary>
    /// Hides a message from the inbox, or shows it again; answers the message with its new state. Supervisors and admins
    /// only: hiding changes what every agent sees of a conversation (an agent cannot hide a message of their own either).
    /// </summary>
    public async Task<MessageDto> ToggleHiddenAsync(Actor actor, Guid messageId, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        // One atomic flip: two toggles at once give two flips, never a lost one.
        var conversationId = await db.Messages.Where(m => m.Id == messageId).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("Message");
        var changed = await db.ChangeRaisingAsync(
            () => db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsHidden, m => !m.IsHidden), ct),
            n => n == 0 ? [] : [new ConversationUpdated(org, conversationId)], ct);
        if (changed == 0) throw InboxException.NotFound("Message");
        return await db.MessageDtoAsync(messageId, ct);
    }
}
