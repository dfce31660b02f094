using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Bootstrap;

/// <summary>What start-up created, for the console banner.</summary>
public sealed record BootstrapReport(string SuperAdminEmail, string? GeneratedSuperAdminPassword, IReadOnlyList<(string Email, string Role)> DemoLogins, string? DemoPassword);

/// <summary>Creates the super admin on first start and, with <c>Demo:Seed</c>, the demo organization. Safe to run on every start.</summary>
public sealed class BootstrapService(InboxDb inboxDb, IPasswordHasher<User> hasher, TimeProvider clock,
    IOptions<BootstrapOptions> bootstrap, IOptions<DemoOptions> demo)
{
    public const string DemoOrganizationSlug = "acme-support";

    public static readonly (string Email, string Name, UserRole Role)[] DemoUsers =
    [
        ("admin@acme.test", "Ada Admin", UserRole.ADMIN),
        ("supervisor@acme.test", "Sam Supervisor", UserRole.SUPERVISOR),
        ("agent1@acme.test", "Alex Agent", UserRole.AGENT),
        ("agent2@acme.test", "Blair Agent", UserRole.AGENT),
    ];

    /// <summary>
    /// The organization's users standing in for the demo logins, by demo email: the user with that email, else the first
    /// with the same part before the @ (so a copy of the demo workspace with other addresses, such as a browser test's,
    /// gets the demo's assignments and team members too). Demo emails nobody stands in for are left out.
    /// </summary>
    public static Dictionary<string, Guid> DemoUserIds(IEnumerable<(string Email, Guid Id)> users)
    {
        var list = users.OrderBy(u => u.Email, StringComparer.Ordinal).ToList();
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, _, _) in DemoUsers)
        {
            var local = email[..(email.IndexOf('@') + 1)];
            var match = list.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
            if (match.Email is null) match = list.FirstOrDefault(u => u.Email.StartsWith(local, StringComparison.OrdinalIgnoreCase));
            if (match.Email is not null) ids[email] = match.Id;
        }
        return ids;
    }

    public async Task<BootstrapReport> RunAsync(CancellationToken ct = default)
    {
        var generated = await EnsureSuperAdminAsync(ct);
        var logins = new List<(string, string)>();
        if (demo.Value.Seed)
        {
            await EnsureDemoOrganizationAsync(ct);
            logins.AddRange(DemoUsers.Select(u => (u.Email, u.Role.ToString())));
        }
        return new BootstrapReport(bootstrap.Value.SuperAdminEmail, generated, logins, demo.Value.Seed ? demo.Value.Password : null);
    }

    private async Task<string?> EnsureSuperAdminAsync(CancellationToken ct)
    {
        await using var db = inboxDb.System();
        if (await db.Users.AnyAsync(u => u.Role == UserRole.SUPER_ADMIN, ct)) return null;
        var password = bootstrap.Value.SuperAdminPassword;
        var generated = string.IsNullOrWhiteSpace(password);
        if (generated) password = Secrets.NewToken(12) + "!1";
        var user = AccountService.NewUser(null, bootstrap.Value.SuperAdminEmail, "Super Admin", UserRole.SUPER_ADMIN, clock.GetUtcNow());
        user.PasswordHash = hasher.HashPassword(user, password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return generated ? password : null;
    }

    private async Task EnsureDemoOrganizationAsync(CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var now = clock.GetUtcNow();
        if (await db.Organizations.Where(o => o.Slug == DemoOrganizationSlug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            await DemoInboxSeeder.EnsureAsync(inboxDb, existing, now, ct);
            await DemoWorkspaceSeeder.EnsureAsync(inboxDb, existing, now, ct);
            return;
        }
        var org = new Organization
        {
            Name = "Acme Support",
            Slug = DemoOrganizationSlug,
            Plan = OrganizationPlan.PROFESSIONAL,
            TimeZone = "UTC",
            OnboardingCompleted = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Organizations.Add(org);
        foreach (var (email, name, role) in DemoUsers)
        {
            var user = AccountService.NewUser(org.Id, email, name, role, now);
            user.PasswordHash = hasher.HashPassword(user, demo.Value.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(ct);
        await DemoInboxSeeder.EnsureAsync(inboxDb, org.Id, now, ct);
        await DemoWorkspaceSeeder.EnsureAsync(inboxDb, org.Id, now, ct);
    }
}
