using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Channels.WhatsApp;

public sealed class WhatsAppOptions
{
    public const string SectionName = "WhatsApp";

    /// <summary>The platform Meta app's secret: the key of <c>X-Hub-Signature-256</c>. Without it only sandbox numbers receive traffic.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The platform Meta app's id: the Embedded Signup code exchange (with <see cref="AppSecret"/>) and our app among a WABA's subscribed apps.</summary>
    public string? AppId { get; set; }

    /// <summary>The platform's Embedded Signup configuration id (Facebook Login for Business).</summary>
    public string? ConfigId { get; set; }

    /// <summary>The token Meta echoes in the verification handshake.</summary>
    public string? VerifyToken { get; set; }

    [Required, Url]
    public string GraphApiBaseUrl { get; set; } = "https://graph.facebook.com";

    [Required, RegularExpression(@"^v\d+\.\d+$")]
    public string GraphApiVersion { get; set; } = "v23.0";

    /// <summary>Largest webhook body accepted (Meta sends up to 3 MB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>A new message on a conversation closed less than this many hours ago reopens it; later ones start a new conversation.</summary>
    [Range(0, 24 * 90)]
    public int ReopenWithinHours { get; set; } = 24;
}
