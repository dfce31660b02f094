using System.Net;
using InboxApp.Core.Identity;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Jobs;

[Collection(SharedApp.Jobs)]
public sealed class JobsEndpointsTests(InboxAppFactory factory)
{
    [Fact]
    public async Task Cleanup_job_is_registered_at_startup_and_listed_with_an_hourly_cron_and_its_next_run()
    {
        var root = await factory.SuperAdminAsync();
        var overview = await root.Client.ListJobsAsync();
        Assert.True(overview.GetProperty("enabled").GetBoolean());
        Assert.Equal("Hangfire", overview.GetProperty("schedulerName").GetString());
        Assert.Equal("Running", overview.GetProperty("status").GetString());
        Assert.StartsWith(TestDatabase.IsPostgres ? "PostgreSQL" : "SQLite", overview.GetProperty("storage").GetString());

        var job = overview.Job(ExpiredTokensCleanupJob.Key) ?? throw new Xunit.Sdk.XunitException("cleanup job not listed");
        Assert.Equal(nameof(ExpiredTokensCleanupJob), job.GetProperty("jobType").GetString());
        Assert.Equal(ExpiredTokensCleanupJob.Description, job.GetProperty("description").GetString());
        Assert.True(job.GetProperty("scheduled").GetBoolean());
        var trigger = Assert.Single(job.GetProperty("triggers").EnumerateArray());
        Assert.Equal("cron 0 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.Equal("Normal", trigger.GetProperty("state").GetString());
        var next = job.GetProperty("nextFireTime").GetDateTimeOffset().ToUniversalTime();
        Assert.Equal((0, 0), (next.Minute, next.Second));
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));
    }

    [Fact]
    public async Task Triggering_the_cleanup_job_deletes_old_tokens_and_codes_keeps_live_ones_and_records_the_run()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        var tokens = new Dictionary<string, RefreshToken>
        {
            ["expired long ago"] = Token(admin.UserId, now.AddDays(-30), expiresAt: now.AddDays(-8)),
            ["revoked long ago"] = Token(admin.UserId, now.AddDays(-10), expiresAt: now.AddDays(20), revokedAt: now.AddDays(-8)),
            ["used long ago"] = Token(admin.UserId, now.AddDays(-10), expiresAt: now.AddDays(20), usedAt: now.AddDays(-8)),
            ["expired recently"] = Token(admin.UserId, now.AddDays(-31), expiresAt: now.AddDays(-1)),
            ["revoked recently"] = Token(admin.UserId, now.AddDays(-2), expiresAt: now.AddDays(20), revokedAt: now.AddDays(-1)),
            ["live"] = Token(admin.UserId, now, expiresAt: now.AddDays(30)),
        };
        var codes = new Dictionary<string, LoginCode>
        {
            ["expired two days ago"] = Code(admin.UserId, now.AddDays(-2)),
            ["expired an hour ago"] = Code(admin.UserId, now.AddHours(-1)),
            ["live"] = Code(admin.UserId, now.AddMinutes(10)),
        };
        await using (var db = factory.SystemDb())
        {
            db.RefreshTokens.AddRange(tokens.Values);
            db.LoginCodes.AddRange(codes.Values);
            await db.SaveChangesAsync();
        }

        var root = await factory.SuperAdminAsync();
        var since = DateTimeOffset.UtcNow;
        var response = await root.Client.PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null);
        await response.ShouldBe(HttpStatusCode.Accepted);
        var jobId = (await response.Data()).GetProperty("jobId").GetString();
        Assert.False(string.IsNullOrEmpty(jobId));
        var job = await root.Client.WaitForJobAsync(ExpiredTokensCleanupJob.Key, j => j.HasRunSince(since) && j.GetProperty("lastRun").GetProperty("jobId").GetString() == jobId);
        Assert.StartsWith("Deleted ", job.GetProperty("lastRun").GetProperty("summary").GetString());
        Assert.True(job.GetProperty("lastRun").TryGetProperty("finishedAt", out _));

        await using var check = factory.SystemDb();
        var tokenIds = await check.RefreshTokens.Where(t => t.UserId == admin.UserId).Select(t => t.Id).ToListAsync();
        Assert.DoesNotContain(tokens["expired long ago"].Id, tokenIds);
        Assert.DoesNotContain(tokens["revoked long ago"].Id, tokenIds);
        Assert.DoesNotContain(tokens["used long ago"].Id, tokenIds);
        Assert.Contains(tokens["expired recently"].Id, tokenIds);
        Assert.Contains(tokens["revoked recently"].Id, tokenIds);
        Assert.Contains(tokens["live"].Id, tokenIds);
        var codeIds = await check.LoginCodes.Where(c => c.UserId == admin.UserId).Select(c => c.Id).ToListAsync();
        Assert.DoesNotContain(codes["expired two days ago"].Id, codeIds);
        Assert.Contains(codes["expired an hour ago"].Id, codeIds);
        Assert.Contains(codes["live"].Id, codeIds);

        // The admin's own sign-in still works: its refresh token is live.
        await (await admin.Client.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Jobs_api_is_for_super_admins_only()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.GetAsync("/api/v1/admin/jobs")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await factory.CreateClient().GetAsync("/api/v1/admin/jobs")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await factory.CreateClient().PostAsync($"/api/v1/admin/jobs/inbox/{ExpiredTokensCleanupJob.Key}/trigger", null)).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var root = await factory.SuperAdminAsync();
        await (await root.Client.GetAsync("/api/v1/admin/jobs")).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("inbox", "no-such-job")]
    [InlineData("no-such-group", "expired-tokens-cleanup")]
    [InlineData("inbox", "a-name-far-longer-than-any-job-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Triggering_an_unknown_job_is_404(string group, string name)
    {
        var root = await factory.SuperAdminAsync();
        await (await root.Client.PostAsync($"/api/v1/admin/jobs/{group}/{name}/trigger", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Jobs_page_is_shown_to_super_admins_and_not_to_organization_admins()
    {
        var root = await factory.SuperAdminAsync();
        var admin = await factory.RegisterOrganizationAsync();
        var rootPage = await factory.CookieClientAsync(root.Email, root.Password);
        var page = await rootPage.GetAsync("/admin/jobs");
        await page.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Background jobs", html);
        Assert.Contains(ExpiredTokensCleanupJob.Key, html);
        Assert.Contains($"data-testid=\"run-inbox-{ExpiredTokensCleanupJob.Key}\"", html);

        var adminPage = await factory.CookieClientAsync(admin.Email, admin.Password);
        var denied = await adminPage.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/not-allowed", denied.Headers.Location?.ToString());
        Assert.DoesNotContain(ExpiredTokensCleanupJob.Key, await denied.Content.ReadAsStringAsync());
    }

    private static RefreshToken Token(Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, DateTimeOffset? usedAt = null, DateTimeOffset? revokedAt = null) => new()
    {
        UserId = userId,
        FamilyId = Guid.NewGuid(),
        TokenHash = Guid.NewGuid().ToString("N"),
        CreatedAt = createdAt,
        ExpiresAt = expiresAt,
        UsedAt = usedAt,
        RevokedAt = revokedAt,
    };

    private static LoginCode Code(Guid userId, DateTimeOffset expiresAt) => new()
    {
        UserId = userId,
        CodeHash = Guid.NewGuid().ToString("N"),
        CreatedAt = expiresAt.AddMinutes(-10),
        ExpiresAt = expiresAt,
    };
}
