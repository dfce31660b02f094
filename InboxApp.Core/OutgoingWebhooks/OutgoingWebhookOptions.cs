using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>Partner webhooks (section <c>OutgoingWebhooks</c>).</summary>
public sealed class OutgoingWebhookOptions
{
    public const string SectionName = "OutgoingWebhooks";

    /// <summary>
    /// Allows <c>http</c> targets and loopback or private addresses, for development and tests only. Off (the default),
    /// only <c>https</c> to public addresses is accepted, checked after DNS resolution when saved and before each delivery.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The first retry waits this, the next twice as long, and so on, capped at <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it is given up (FAILED); at least a day by default.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(25);

    /// <summary>Failed attempts in a row after which the endpoint is turned off and the organization's admins are alerted.</summary>
    [Range(1, 10_000)]
    public int DisableAfterConsecutiveFailures { get; set; } = 50;

    /// <summary>After a secret rotation the previous secret keeps signing (beside the new one) this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one delivery may take (connect, send, answer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delivered and failed rows (the delivery log) are deleted after this long.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan KeepDeliveries { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 100)]
    public int MaxEndpointsPerOrganization { get; set; } = 20;

    /// <summary>Whether this node runs the delivery worker (every node may: claims are leased).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
