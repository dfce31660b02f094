using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Partners;

/// <summary>
/// The origins an organization itself allows to frame its embeddable pages (the partner connect page, its shared inbox
/// links), space-separated; one row per organization, absent when it never set any. The partner's registered origins
/// (<see cref="Partner.AllowedOrigins"/>) are added to these: <see cref="FrameOriginsService.AncestorsAsync"/>.
/// </summary>
public class OrganizationFrameOrigins : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public string Origins { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> List => Origins.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed class OrganizationFrameOriginsConfiguration : IEntityTypeConfiguration<OrganizationFrameOrigins>
{
    public void Configure(EntityTypeBuilder<OrganizationFrameOrigins> b)
    {
        b.ToTable("OrganizationFrameOrigins");
        b.HasKey(o => o.OrganizationId);
        b.Property(o => o.Origins).HasMaxLength(2000);
        b.Ignore(o => o.List);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The organization's own origins (<see cref="Origins"/>, editable by its admins and its partner) and, read-only, those its
/// partner registered (<see cref="PartnerOrigins"/>). Its embeddable pages allow exactly the union of both.
/// </summary>
public sealed record FrameOriginsDto(IReadOnlyList<string> Origins, IReadOnlyList<string> PartnerOrigins, int MaxOrigins);

/// <summary>
/// Per-organization allowed frame origins. An organization's admins (or its <c>sk_org_</c> keys) and, for its accounts, a
/// partner (through <see cref="PartnerService.AccountActorAsync"/>) replace the list; the connect page and the shared inbox
/// link pages send <c>frame-ancestors</c> with the partner's origins plus these.
/// </summary>
public sealed class FrameOriginsService(InboxDb inboxDb, TimeProvider clock)
{
    public const int MaxOrigins = 10;
    public const int MaxOriginLength = 190;

    public async Task<FrameOriginsDto> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        return await ReadAsync(db, actor.Org, ct);
    }

    /// <summary>Replaces the organization's own origins (an empty list removes them all). 400 naming <c>origins</c> or <c>origins[i]</c>.</summary>
    public async Task<FrameOriginsDto> SetAsync(Actor actor, IReadOnlyList<string?>? origins, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var normalized = Normalize(origins);
        await using var db = inboxDb.For(actor.Org);
        var row = await db.Set<OrganizationFrameOrigins>().FirstOrDefaultAsync(o => o.OrganizationId == actor.Org, ct);
        if (row is null) db.Add(row = new OrganizationFrameOrigins { OrganizationId = actor.Org });
        row.Origins = string.Join(' ', normalized);
        row.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the other one made the row; this one replaces its list.
            await using var retry = inboxDb.For(actor.Org);
            await retry.Set<OrganizationFrameOrigins>().Where(o => o.OrganizationId == actor.Org)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Origins, row.Origins).SetProperty(o => o.UpdatedAt, row.UpdatedAt), ct);
        }
        await using var read = inboxDb.For(actor.Org);
        return await ReadAsync(read, actor.Org, ct);
    }

    /// <summary>
    /// The origins allowed to frame a page of <paramref name="organizationId"/>: its partner's registered origins, then the
    /// organization's own, without duplicates. Empty: the page cannot be framed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AncestorsAsync(InboxDbContext db, Guid organizationId, CancellationToken ct)
    {
        var row = await db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new
            {
                Partner = db.Set<Partner>().Where(p => p.Id == o.PartnerId).Select(p => p.AllowedOrigins).FirstOrDefault(),
                Own = db.Set<OrganizationFrameOrigins>().IgnoreQueryFilters().Where(f => f.OrganizationId == o.Id).Select(f => f.Origins).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return [];
        return Split(row.Partner).Concat(Split(row.Own)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Origins as browsers send them in <c>frame-ancestors</c>: <c>https://host[:port]</c>, lower case, without path, query,
    /// fragment, user info or wildcard; at most <see cref="MaxOrigins"/> (after removing duplicates).
    /// </summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string?>? origins)
    {
        if (origins is null) throw InboxException.Invalid("origins", "Give the list of origins (an empty list removes them all)");
        var result = new List<string>();
        for (var i = 0; i < origins.Count; i++)
        {
            var value = origins[i]?.Trim() ?? "";
            var field = $"origins[{i}]";
            if (value.Length == 0) throw InboxException.Invalid(field, "The origin is empty");
            if (value.Length > MaxOriginLength) throw InboxException.Invalid(field, $"The origin must be at most {MaxOriginLength} characters");
            if (value.Contains('*')) throw InboxException.Invalid(field, "Wildcards are not allowed: list each origin");
            var bare = value.TrimEnd('/');
            if (!Uri.TryCreate(bare, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                throw InboxException.Invalid(field, "The origin must start with https:// (for example https://app.example.com)");
            var onlyAuthority = string.Equals(bare, $"https://{uri.Authority}", StringComparison.OrdinalIgnoreCase)
                || string.Equals(bare, $"https://{uri.Host}:{uri.Port}", StringComparison.OrdinalIgnoreCase);
            if (!onlyAuthority || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || !string.IsNullOrEmpty(uri.UserInfo) || bare.Any(char.IsWhiteSpace))
                throw InboxException.Invalid(field, "The origin is a scheme and host with an optional port, without a path (for example https://app.example.com:8443)");
            var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            if (!result.Contains(origin)) result.Add(origin);
        }
        if (result.Count > MaxOrigins) throw InboxException.Invalid("origins", $"At most {MaxOrigins} origins");
        return result;
    }

    private static async Task<FrameOriginsDto> ReadAsync(InboxDbContext db, Guid organizationId, CancellationToken ct)
    {
        var row = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new
            {
                Partner = db.Set<Partner>().Where(p => p.Id == o.PartnerId).Select(p => p.AllowedOrigins).FirstOrDefault(),
                Own = db.Set<OrganizationFrameOrigins>().Where(f => f.OrganizationId == o.Id).Select(f => f.Origins).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Organization");
        return new FrameOriginsDto(Split(row.Own), Split(row.Partner), MaxOrigins);
    }

    private static IReadOnlyList<string> Split(string? origins) => (origins ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
