
namespace InboxApp.Core.Messaging;

/// <summary>
/// Blue ticks (and "typing…") for the customer when a member reads a conversation: the read receipt of its newest inbound
/// message, through the number's channel. In-process: a receipt is worth sending only now, never after a restart; the
/// service sends it at most once per message and logs a failure (the next read tries again).
/// </summary>
public sealed class SendReadReceiptOnRead(ReadReceiptService receipts) : IInProcessListener<ConversationRead>
{
    public Task HandleAsync(ConversationRead e, CancellationToken ct) =>
        receipts.MarkConversationReadAsync(e.OrganizationId, e.ConversationId, e.Typing, ct);
}
