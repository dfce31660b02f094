using InboxApp.Core.Bootstrap;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.E2E.Infrastructure;

/// <summary>A user of a <see cref="Workspace"/> (password <see cref="InboxServer.DemoPassword"/>).</summary>
public sealed record WorkspaceUser(Guid Id, string Email, string Name, UserRole Role);

/// <summary>
/// A copy of the demo organization for one test class on a shared server: "Acme Support" with the demo's four people
/// (same names and roles, addresses of its own such as <c>agent1@acme-1a2b3c4d5e.test</c>), its own sandbox number, the
/// demo conversations, quick replies, tags, teams and templates. What a class does in its workspace (conversations,
/// routing rules, the bot switch, members) no other class sees, so classes that count or list conversations can share a
/// server. Made by <see cref="InboxServer.WorkspaceForAsync"/>, once per server and test class.
/// </summary>
public sealed class Workspace(Guid organizationId, string slug, IReadOnlyList<WorkspaceUser> users, Guid phoneNumberId, string sandboxMetaId)
{
    public Guid OrganizationId { get; } = organizationId;

    public string Slug { get; } = slug;

    public IReadOnlyList<WorkspaceUser> Users { get; } = users;

    /// <summary>The sandbox number's id; customers of this workspace write to it.</summary>
    public Guid PhoneNumberId { get; } = phoneNumberId;

    /// <summary>The sandbox number's <c>phone_number_id</c>, as webhooks carry it.</summary>
    public string SandboxMetaId { get; } = sandboxMetaId;

    /// <summary>The first user of <paramref name="role"/> (Ada Admin, Sam Supervisor, Alex Agent).</summary>
    public WorkspaceUser User(UserRole role) => Users.First(u => u.Role == role);

    /// <summary>The second agent (Blair Agent).</summary>
    public WorkspaceUser SecondAgent => Users.Last(u => u.Role == UserRole.AGENT);

    /// <summary>The admin as the services take them.</summary>
    public Actor Admin
    {
        get
        {
            var admin = User(UserRole.ADMIN);
            return new Actor(admin.Id, OrganizationId, UserRole.ADMIN);
        }
    }

    /// <summary>Creates the workspace the way start-up seeds the demo organization, with the server's password hasher.</summary>
    internal static async Task<Workspace> CreateAsync(IServiceProvider services)
    {
        var inboxDb = services.GetRequiredService<InboxDb>();
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var org = new Organization
        {
            Name = "Acme Support", Slug = "acme-" + tag, Plan = OrganizationPlan.PROFESSIONAL, TimeZone = "UTC",
            OnboardingCompleted = true, CreatedAt = now, UpdatedAt = now,
        };
        var users = new List<WorkspaceUser>();
        await using (var db = inboxDb.System())
        {
            db.Organizations.Add(org);
            foreach (var (demoEmail, name, role) in BootstrapService.DemoUsers)
            {
                var email = demoEmail[..demoEmail.IndexOf('@')] + $"@acme-{tag}.test";
                var user = AccountService.NewUser(org.Id, email, name, role, now);
                user.PasswordHash = hasher.HashPassword(user, InboxServer.DemoPassword);
                db.Users.Add(user);
                users.Add(new WorkspaceUser(user.Id, email, name, role));
            }
            await db.SaveChangesAsync();
        }
        await DemoInboxSeeder.EnsureAsync(inboxDb, org.Id, now, CancellationToken.None);
        await DemoWorkspaceSeeder.EnsureAsync(inboxDb, org.Id, now, CancellationToken.None);
        await using (var db = inboxDb.For(org.Id))
        {
            var number = await db.PhoneNumbers.Where(p => p.Account!.IsSandbox).Select(p => new { p.Id, p.MetaPhoneNumberId }).FirstAsync();
            return new Workspace(org.Id, org.Slug, users, number.Id, number.MetaPhoneNumberId);
        }
    }
}
