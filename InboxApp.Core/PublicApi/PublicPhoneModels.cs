using System.ComponentModel.DataAnnotations;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.Accounts;

namespace InboxApp.Core.PublicApi;

/// <summary>A connected phone number in the <c>/v1</c> API, its capabilities as <see cref="PublicPhoneHealth"/> computes them.</summary>
public sealed record PublicPhone(
    Guid Id, Guid AccountId, string WabaId, string MetaPhoneNumberId, string DisplayPhoneNumber, string? VerifiedName, bool IsSandbox,
    WhatsAppAccountStatus AccountStatus, bool IsActive, bool IsRegistered, RegistrationStatus RegistrationStatus, string QualityRating,
    string? MessagingLimitTier, CapabilitiesDto Capabilities, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The readiness of a number (the getting-started seed's "Phone Readiness"): <see cref="IsRegistered"/> and the three
/// capabilities, each false one with at least one machine-readable reason (<c>reasons[].blocks</c> names the capabilities
/// a reason blocks). Computed from the state the platform keeps; <see cref="ResyncQueued"/> says whether this call queued a
/// background resync with Meta (at most one per number and <c>PublicApi:HealthResyncInterval</c>), whose values a later
/// call shows.
/// </summary>
public sealed record PublicPhoneHealth(
    Guid PhoneId, bool IsRegistered, RegistrationStatus RegistrationStatus, CapabilitiesDto Capabilities, IReadOnlyList<HealthReasonDto> Reasons,
    string QualityRating, string? MessagingLimitTier, bool AppSubscribed, WhatsAppAccountStatus AccountStatus, string? BanState,
    IReadOnlyList<string> Restrictions, DateTimeOffset? LastCheckedAt, bool ResyncQueued);

/// <summary>Settings of the public <c>/v1</c> API. Section <c>PublicApi</c>.</summary>
public sealed class PublicApiOptions
{
    public const string SectionName = "PublicApi";

    /// <summary>The least time between two background resyncs of one number that health calls queue (a burst queues one).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HealthResyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest JSON body of <c>POST /v1/phones/{phoneId}/messages</c> (media travel base64-encoded in it). Default 24 MiB.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxSendBodyBytes { get; set; } = 24L * 1024 * 1024;

    /// <summary>How long downloading a media message's <c>link</c> may take in all (connect, answer, body). Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MediaLinkTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
