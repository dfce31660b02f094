namespace InboxApp.Core.Messaging;

/// <summary>
/// Status webhooks arrive in any order: apply them monotonically. sent &lt; delivered &lt; read; failed ranks above sent and
/// below delivered (proof of delivery wins over a failure report); a late "sent" never downgrades a "read".
/// </summary>
public static class MessageStatusMachine
{
    public static MessageStatus? FromWebhook(string status) => status switch
    {
        "sent" => MessageStatus.SENT,
        "delivered" => MessageStatus.DELIVERED,
        "read" or "played" => MessageStatus.READ,
        "failed" => MessageStatus.FAILED,
        _ => null,
    };

    private static int Rank(MessageStatus s) => s switch
    {
        MessageStatus.PENDING or MessageStatus.UNKNOWN or MessageStatus.RECEIVED => 0,
        MessageStatus.SENT => 1,
        MessageStatus.FAILED => 2,
        MessageStatus.DELIVERED => 3,
        MessageStatus.READ => 4,
        _ => 0,
    };

    /// <summary>Applies a status update to an outbound message; returns whether its visible status changed.</summary>
    public static bool Apply(Message message, MessageStatus incoming, DateTimeOffset at, string? errorCode = null, string? errorTitle = null, string? errorDetails = null)
    {
        switch (incoming)
        {
            case MessageStatus.SENT: message.SentAt ??= at; break;
            case MessageStatus.DELIVERED: message.DeliveredAt ??= at; message.SentAt ??= at; break;
            case MessageStatus.READ: message.ReadAt ??= at; message.DeliveredAt ??= at; message.SentAt ??= at; break;
            case MessageStatus.FAILED:
                message.FailedAt ??= at;
                message.ErrorCode = errorCode ?? message.ErrorCode;
                message.ErrorTitle = errorTitle ?? message.ErrorTitle;
                message.ErrorDetails = errorDetails ?? message.ErrorDetails;
                break;
        }
        if (Rank(incoming) <= Rank(message.Status)) return false;
        message.Status = incoming;
        return true;
    }
}
