using InboxApp.Core.Common;

namespace InboxApp.Core.Messaging;

public enum WhatsAppAccountStatus { CONNECTED, DISCONNECTED }

/// <summary>A WhatsApp Business Account (WABA) connected to an organization. The access token is encrypted at rest.</summary>
public class WhatsAppAccount : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>Meta's WABA id; "sandbox-…" for the built-in sandbox channel.</summary>
    public required string WabaId { get; set; }
    public string? BusinessId { get; set; }
    public required string Alias { get; set; }
    /// <summary>The business access token sealed with Data Protection; never returned by the API.</summary>
    public string? AccessTokenProtected { get; set; }
    public bool IsSandbox { get; set; }
    public bool AppSubscribed { get; set; }
    public WhatsAppAccountStatus Status { get; set; } = WhatsAppAccountStatus.CONNECTED;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DisconnectedAt { get; set; }
    /// <summary>Meta's ban state from the last <c>account_update</c> webhook (<c>DISABLE</c>, <c>SCHEDULE_FOR_DISABLE</c>; null when none or reinstated).</summary>
    public string? BanState { get; set; }
    /// <summary>The restriction types of the last <c>ACCOUNT_RESTRICTION</c> update, comma separated; null when unrestricted.</summary>
    public string? Restrictions { get; set; }
    /// <summary>
    /// When Meta sent the <c>account_update</c> that set <see cref="BanState"/> (its entry's <c>time</c>), and when we processed
    /// it: the order of updates, so a late one (Meta's retry of an older update, or ours of a failed listener) cannot undo a
    /// newer one.
    /// </summary>
    public DateTimeOffset? BanStateAt { get; set; }
    public DateTimeOffset? BanStateProcessedAt { get; set; }
    /// <summary>The same order for <see cref="Restrictions"/> (the last <c>ACCOUNT_RESTRICTION</c> applied).</summary>
    public DateTimeOffset? RestrictionsAt { get; set; }
    public DateTimeOffset? RestrictionsProcessedAt { get; set; }
    public List<PhoneNumber> PhoneNumbers { get; set; } = [];
}

public enum PhoneNumberKind { CLOUD_API, SANDBOX }

public enum RegistrationStatus { REGISTERED, PENDING, REGISTRATION_FAILED }

/// <summary>A business phone number of a WABA: the inbox that conversations belong to.</summary>
public class PhoneNumber : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid AccountId { get; set; }
    public WhatsAppAccount? Account { get; set; }
    /// <summary>Meta's phone number id (the webhook's <c>metadata.phone_number_id</c>): routes inbound traffic to the tenant.</summary>
    public required string MetaPhoneNumberId { get; set; }
    public required string DisplayPhoneNumber { get; set; }
    public string? VerifiedName { get; set; }
    public PhoneNumberKind Kind { get; set; } = PhoneNumberKind.CLOUD_API;
    /// <summary>GREEN, YELLOW, RED, FLAGGED or UNKNOWN as Meta reports it.</summary>
    public string QualityRating { get; set; } = "UNKNOWN";
    /// <summary>TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED.</summary>
    public string? MessagingLimitTier { get; set; }
    public string? ThroughputLevel { get; set; }
    public RegistrationStatus RegistrationStatus { get; set; } = RegistrationStatus.PENDING;
    public string? RegistrationError { get; set; }
    /// <summary>Send rate limit for this number, messages per second (Meta's default 80).</summary>
    public int SendRatePerSecond { get; set; } = 80;
    public bool CanReceiveMessages { get; set; }
    public bool CanSendMessages { get; set; }
    public bool CanSendTemplates { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>
    /// The reasons of the last live health check that only Meta knows (phone status, account review, refused token…), as a
    /// JSON array of <c>{code, message, blocks}</c>; the reasons that follow from stored columns are derived when read.
    /// </summary>
    public string? HealthReasonsJson { get; set; }
    /// <summary>When the last live health check (or resync) ran.</summary>
    public DateTimeOffset? HealthCheckedAt { get; set; }
    /// <summary>When the public API last queued a background resync with Meta (one per interval, however many calls).</summary>
    public DateTimeOffset? HealthResyncQueuedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
