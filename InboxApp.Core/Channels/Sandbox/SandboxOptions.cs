using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>The built-in sandbox channel: how fast its synthetic status updates follow a send.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    [Range(0, 600_000)]
    public int SentDelayMs { get; set; } = 400;

    [Range(0, 600_000)]
    public int DeliveredDelayMs { get; set; } = 1200;

    [Range(0, 600_000)]
    public int ReadDelayMs { get; set; } = 3000;

    /// <summary>How long after a sandbox template is submitted its review (APPROVED, or REJECTED for <c>#reject</c>) arrives as a webhook.</summary>
    [Range(0, 600_000)]
    public int TemplateReviewDelayMs { get; set; } = 1000;

    /// <summary>How long a simulate call waits for the webhook worker to process what it injected.</summary>
    [Range(1, 300)]
    public int SimulationTimeoutSeconds { get; set; } = 20;

    [Range(1, 100)]
    public int MaxNumbersPerOrganization { get; set; } = 5;
}
