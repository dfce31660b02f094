using InboxApp.Core.Webhooks;
using MudBlazor;

namespace InboxApp.Features.Webhooks;

/// <summary>How the event log names and colours delivery outcomes.</summary>
public static class EventLogLabels
{
    public static string Status(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.PENDING => "Queued",
        WebhookDeliveryStatus.PROCESSING => "Processing",
        WebhookDeliveryStatus.PROCESSED => "Processed",
        WebhookDeliveryStatus.FAILED => "Failed",
        WebhookDeliveryStatus.UNROUTABLE => "Unknown number",
        _ => "Malformed",
    };

    public static Color StatusColor(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.PROCESSED => Color.Success,
        WebhookDeliveryStatus.PENDING or WebhookDeliveryStatus.PROCESSING => Color.Info,
        WebhookDeliveryStatus.FAILED => Color.Error,
        _ => Color.Warning,
    };

    public static bool CanReplay(WebhookDeliveryStatus status) => status is not (WebhookDeliveryStatus.PENDING or WebhookDeliveryStatus.PROCESSING);

    public static string Short(string? note) => note is null ? "" : note.Length <= 80 ? note : note[..79] + "…";
}
