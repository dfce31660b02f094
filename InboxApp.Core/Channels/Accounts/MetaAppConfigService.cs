using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Channels.Accounts;

/// <summary>The Meta app an organization connects numbers with: its own app id and secret, or the platform's.</summary>
public sealed record MetaApp(string AppId, string AppSecret, bool OwnApp);

/// <summary>An organization's own Meta app configuration (admin only). The secret is sealed and never returned.</summary>
public sealed class MetaAppConfigService(InboxDb inboxDb, ChannelSecrets secrets, IOptions<WhatsAppOptions> options, TimeProvider clock)
{
    public const string NotConfiguredCode = "META_APP_NOT_CONFIGURED";
    public const int MaxIdLength = 64;
    public const int MaxSecretLength = 200;

    public async Task<MetaAppConfigDto> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return ToDto(await db.Set<MetaAppConfig>().AsNoTracking().FirstOrDefaultAsync(ct));
    }

    /// <summary>Saves the app id and configuration id; a null secret keeps the stored one.</summary>
    public async Task<MetaAppConfigDto> SaveAsync(Actor actor, string appId, string? configId, string? appSecret, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var id = MetaId("appId", appId, required: true)!;
        var config = MetaId("configId", configId, required: false);
        var secret = appSecret?.Trim();
        if (secret is { Length: 0 or > MaxSecretLength })
            throw InboxException.Invalid("appSecret", $"The app secret must be 1 to {MaxSecretLength} characters");
        await using var db = inboxDb.For(actor.Org);
        var row = await db.Set<MetaAppConfig>().FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new MetaAppConfig { AppId = id, OrganizationId = actor.Org };
            db.Add(row);
        }
        row.AppId = id;
        row.ConfigId = config;
        if (secret is not null) row.AppSecretProtected = secrets.ProtectAppSecret(secret);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedById = actor.UserId;
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    /// <summary>Forgets the organization's own app: the platform's app is used again.</summary>
    public async Task DeleteAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        await db.Set<MetaAppConfig>().ExecuteDeleteAsync(ct);
    }

    /// <summary>The app for the Embedded Signup code exchange: the organization's own when complete, else the platform's.</summary>
    public async Task<MetaApp> ResolveForExchangeAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(organizationId);
        var own = await db.Set<MetaAppConfig>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (own is not null)
        {
            // The code was issued for the organization's own app: the platform's app cannot exchange it.
            return secrets.UnprotectAppSecret(own.AppSecretProtected) is { } ownSecret
                ? new MetaApp(own.AppId, ownSecret, true)
                : throw new InboxException(400, NotConfiguredCode, "Your organization's Meta app has no app secret saved: add it under Meta app settings");
        }
        var platform = options.Value;
        if (!string.IsNullOrWhiteSpace(platform.AppId) && !string.IsNullOrWhiteSpace(platform.AppSecret))
            return new MetaApp(platform.AppId, platform.AppSecret, false);
        throw new InboxException(400, NotConfiguredCode,
            "No Meta app is configured for Embedded Signup: save your app id and secret under Meta app settings, or connect the number manually");
    }

    /// <summary>The app id whose subscription means "we receive this WABA's webhooks"; null when none is known.</summary>
    public async Task<string?> OurAppIdAsync(Guid organizationId, CancellationToken ct = default)
    {
        await using var db = inboxDb.For(organizationId);
        var own = await db.Set<MetaAppConfig>().AsNoTracking().Select(c => c.AppId).FirstOrDefaultAsync(ct);
        return own ?? (string.IsNullOrWhiteSpace(options.Value.AppId) ? null : options.Value.AppId);
    }

    private static MetaAppConfigDto ToDto(MetaAppConfig? c) =>
        c is null ? new MetaAppConfigDto(null, null, false, false, null) : new MetaAppConfigDto(c.AppId, c.ConfigId, c.AppSecretProtected is not null, true, c.UpdatedAt);

    /// <summary>Meta ids are numeric strings.</summary>
    private static string? MetaId(string field, string? value, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return required ? throw InboxException.Invalid(field, $"The {field} is required") : null;
        if (trimmed.Length > MaxIdLength || !trimmed.All(char.IsAsciiDigit))
            throw InboxException.Invalid(field, $"The {field} must be a numeric Meta id of at most {MaxIdLength} digits");
        return trimmed;
    }
}
