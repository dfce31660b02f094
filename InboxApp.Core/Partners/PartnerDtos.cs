using InboxApp.Core.Organizations;

namespace InboxApp.Core.Partners;

public sealed record PartnerDto(Guid Id, string Name, IReadOnlyList<string> AllowedOrigins, bool IsActive, int AccountCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record PartnerApiKeyDto(Guid Id, string Name, string Prefix, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static PartnerApiKeyDto From(PartnerApiKey k) => new(k.Id, k.Name, k.Prefix, k.IsActive, k.CreatedAt, k.LastUsedAt);
}

/// <summary>The full partner key appears only here, in the create response.</summary>
public sealed record CreatedPartnerApiKeyDto(Guid Id, string Name, string Prefix, string Key, DateTimeOffset CreatedAt);

/// <summary>A partner's client organization: <see cref="Id"/> is the <c>X-Account-Id</c>, <see cref="WorkspaceSlug"/> the <c>{slug}</c> of the partner paths.</summary>
public sealed record PartnerAccountDto(Guid Id, string Name, string WorkspaceSlug, OrganizationStatus Status, int ConnectedNumbers, DateTimeOffset CreatedAt);

/// <summary>Who calls with a partner key.</summary>
public sealed record PartnerCaller(Guid PartnerId, Guid KeyId, string Name);
