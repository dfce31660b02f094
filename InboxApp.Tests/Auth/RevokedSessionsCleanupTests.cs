using System.Net;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Jobs;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Auth;

/// <summary>The recurring job that forgets sign-outs once no credential of them can still be valid (the jobs host, `SharedApp.Jobs`: it triggers a job).</summary>
[Collection(SharedApp.Jobs)]
public sealed class RevokedSessionsCleanupTests(InboxAppFactory factory)
{
    [Fact]
    public async Task Signed_out_sessions_older_than_the_longest_cookie_are_deleted_and_recent_ones_kept()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var old = await factory.LoginAsync(admin.Email, admin.Password);
        var recent = await factory.LoginAsync(admin.Email, admin.Password);
        await (await old.Client.PostAsync("/api/v1/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);
        await (await recent.Client.PostAsync("/api/v1/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);
        await (await recent.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);

        List<Guid> sessions;
        await using (var db = factory.SystemDb())
        {
            sessions = await db.RevokedSessions.Where(s => s.UserId == admin.UserId).OrderBy(s => s.RevokedAt).Select(s => s.Id).ToListAsync();
            Assert.Equal(2, sessions.Count);
            // The first sign-out happened 16 days ago: its 14-day cookie (and a day's margin) are over.
            await db.RevokedSessions.Where(s => s.Id == sessions[0])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, DateTimeOffset.UtcNow.AddDays(-16)));
            await db.RevokedSessions.Where(s => s.Id == sessions[1])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, DateTimeOffset.UtcNow.AddDays(-14)));
        }

        var root = await factory.SuperAdminAsync();
        var since = DateTimeOffset.UtcNow;
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{RevokedSessionsCleanupJob.Key}/trigger", null)).ShouldBe(HttpStatusCode.Accepted);
        var job = await root.Client.WaitForJobAsync(RevokedSessionsCleanupJob.Key, j => j.HasRunSince(since));
        Assert.Matches(@"Deleted [1-9]\d* revoked session\(s\)", job.GetProperty("lastRun").GetProperty("summary").GetString());

        await using var check = factory.SystemDb();
        Assert.Equal([sessions[1]], await check.RevokedSessions.Where(s => s.UserId == admin.UserId).Select(s => s.Id).ToListAsync());
        // The kept row still refuses the session's token.
        await (await recent.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_cleanup_is_a_listed_recurring_job()
    {
        var root = await factory.SuperAdminAsync();
        var job = (await root.Client.ListJobsAsync()).Job(RevokedSessionsCleanupJob.Key);
        Assert.NotNull(job);
    }
}
