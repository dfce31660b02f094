using InboxApp.Core.Messaging;

namespace InboxApp.Core.Channels.Accounts;

public sealed record CapabilitiesDto(bool CanReceiveMessages, bool CanSendMessages, bool CanSendTemplates);

public sealed record PhoneNumberDto(
    Guid Id, Guid AccountId, string MetaPhoneNumberId, string DisplayPhoneNumber, string? VerifiedName, PhoneNumberKind Kind,
    string QualityRating, string? MessagingLimitTier, string? ThroughputLevel, int SendRatePerSecond,
    RegistrationStatus RegistrationStatus, string? RegistrationError, CapabilitiesDto Capabilities, bool IsActive,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PhoneNumberDto From(PhoneNumber p) => new(
        p.Id, p.AccountId, p.MetaPhoneNumberId, p.DisplayPhoneNumber, p.VerifiedName, p.Kind, p.QualityRating, p.MessagingLimitTier,
        p.ThroughputLevel, p.SendRatePerSecond, p.RegistrationStatus, p.RegistrationError,
        new CapabilitiesDto(p.CanReceiveMessages, p.CanSendMessages, p.CanSendTemplates), p.IsActive, p.CreatedAt, p.UpdatedAt);
}

/// <summary>An account as the API and pages show it: the token only as a mask (<c>EAAG…a1b2</c>), never in full.</summary>
public sealed record WhatsAppAccountDto(
    Guid Id, string WabaId, string? BusinessId, string Alias, WhatsAppAccountStatus Status, bool IsSandbox, bool AppSubscribed,
    string? AccessTokenMask, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DisconnectedAt,
    IReadOnlyList<PhoneNumberDto> PhoneNumbers);

/// <summary>The Embedded Signup outcome, as the partner onboarding documents it: the WABA is connected even when registration failed.</summary>
public sealed record EmbeddedSignupResultDto(string WabaStatus, string PhoneStatus, string? RegistrationError, WhatsAppAccountDto Account);

public sealed record HealthReasonDto(string Code, string Message, IReadOnlyList<string> Blocks);

public sealed record HealthPhoneDto(
    string? DisplayPhoneNumber, string? VerifiedName, string? Status, string? QualityRating, string? MessagingLimitTier,
    string? ThroughputLevel, string? NameStatus, string? PlatformType, bool Registered);

public sealed record HealthWabaDto(string Id, string? Name, string? AccountReviewStatus, string? Currency);

/// <summary>The live health of one number: capability flags with a reason for each one that is false.</summary>
public sealed record PhoneHealthDto(
    Guid PhoneNumberId, Guid AccountId, CapabilitiesDto Capabilities, IReadOnlyList<HealthReasonDto> Reasons,
    HealthPhoneDto? Phone, HealthWabaDto? Waba, bool AppSubscribed, bool TokenValid, DateTimeOffset CheckedAt);

public sealed record AccountHealthDto(
    Guid AccountId, string WabaId, HealthWabaDto? Waba, bool AppSubscribed, bool TokenValid, IReadOnlyList<PhoneHealthDto> PhoneNumbers,
    DateTimeOffset CheckedAt);

public sealed record ChannelAlertDto(
    Guid Id, ChannelAlertKind Kind, ChannelAlertSeverity Severity, string Title, string? Details, Guid? AccountId, Guid? PhoneNumberId,
    DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedById)
{
    public bool Acknowledged => AcknowledgedAt is not null;

    public static ChannelAlertDto From(ChannelAlert a) =>
        new(a.Id, a.Kind, a.Severity, a.Title, a.Details, a.AccountId, a.PhoneNumberId, a.CreatedAt, a.AcknowledgedAt, a.AcknowledgedById);
}

/// <summary>The organization's own Meta app; the secret is never returned, only whether one is stored.</summary>
public sealed record MetaAppConfigDto(string? AppId, string? ConfigId, bool HasAppSecret, bool Configured, DateTimeOffset? UpdatedAt);
