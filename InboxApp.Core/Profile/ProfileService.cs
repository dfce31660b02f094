using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Profile;

/// <summary>
/// The caller's own profile: name, time zone and avatar. Only signed-in users have one (API keys get 403). Works for every role,
/// including super admins, who belong to no organization.
/// </summary>
public sealed class ProfileService(InboxDb inboxDb, MediaStore media, TimeProvider clock, IOptions<MediaOptions> options)
{
    public const int MaxNameLength = 200;

    public long MaxAvatarBytes => options.Value.MaxAvatarBytes;

    public async Task<UserDto> GetAsync(Actor actor, CancellationToken ct = default)
    {
        var userId = actor.User;
        await using var db = Db(actor);
        var user = await db.Users.AsNoTracking().Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct) ?? throw InboxException.NotFound("User");
        return UserDto.From(user, user.Organization);
    }

    public async Task<UserDto> UpdateNameAsync(Actor actor, string? name, CancellationToken ct = default)
    {
        var userId = actor.User;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw InboxException.Invalid("name", "The name is required");
        if (trimmed.Length > MaxNameLength) throw InboxException.Invalid("name", $"The name must be at most {MaxNameLength} characters");
        await using var db = Db(actor);
        var user = await LoadAsync(db, userId, ct);
        user.Name = trimmed;
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return UserDto.From(user, user.Organization);
    }

    /// <summary>
    /// Sets the zone the caller reads times in (an IANA id such as <c>Europe/Berlin</c>; Windows ids work too), or with
    /// null or an empty value goes back to the organization's zone. 400 on <c>timeZone</c> for an unknown zone.
    /// </summary>
    public async Task<UserDto> UpdateTimeZoneAsync(Actor actor, string? timeZone, CancellationToken ct = default)
    {
        var userId = actor.User;
        var zone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        if (zone is not null && (zone.Length > MaxTimeZoneLength || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
            throw InboxException.Invalid("timeZone", "Unknown time zone: use an IANA name such as Europe/Berlin or America/Sao_Paulo");
        await using var db = Db(actor);
        var user = await LoadAsync(db, userId, ct);
        user.TimeZone = zone;
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return UserDto.From(user, user.Organization);
    }

    public const int MaxTimeZoneLength = 64;

    /// <summary>
    /// Stores a new avatar read from <paramref name="content"/> (PNG, JPEG, WebP or GIF, recognized by its leading bytes;
    /// at most <see cref="MaxAvatarBytes"/>) and removes the previous one.
    /// </summary>
    public async Task<UserDto> SetAvatarAsync(Actor actor, Stream content, CancellationToken ct = default)
    {
        var userId = actor.User;
        var head = new byte[ImageType.HeaderLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (headLength == 0) throw InboxException.Invalid("avatar", "The file is empty");
        var type = ImageType.Detect(head.AsSpan(0, headLength))
            ?? throw InboxException.Invalid("avatar", "The avatar must be a PNG, JPEG, WebP or GIF image");

        var stored = await media.SaveAvatarAsync(userId, type, head.AsMemory(0, headLength), content, MaxAvatarBytes, ct);
        string? previous;
        UserDto result;
        try
        {
            await using var db = Db(actor);
            var user = await LoadAsync(db, userId, ct);
            previous = user.AvatarPath;
            user.AvatarPath = stored;
            user.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            result = UserDto.From(user, user.Organization);
        }
        catch
        {
            media.DeleteAvatar(stored);
            throw;
        }
        media.DeleteAvatar(previous);
        return result;
    }

    /// <summary>Removes the avatar; answers the profile whether or not there was one.</summary>
    public async Task<UserDto> RemoveAvatarAsync(Actor actor, CancellationToken ct = default)
    {
        var userId = actor.User;
        await using var db = Db(actor);
        var user = await LoadAsync(db, userId, ct);
        var previous = user.AvatarPath;
        if (previous is not null)
        {
            user.AvatarPath = null;
            user.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            media.DeleteAvatar(previous);
        }
        return UserDto.From(user, user.Organization);
    }

    /// <summary>Members act inside their organization; super admins have none, so their own row is read system-wide.</summary>
    private InboxDbContext Db(Actor actor) => actor.OrganizationId is { } org ? inboxDb.For(org) : inboxDb.System();

    private static async Task<User> LoadAsync(InboxDbContext db, Guid userId, CancellationToken ct) =>
        await db.Users.Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct)
            ?? throw InboxException.NotFound("User");
}
