using System.Net;
using System.Text.RegularExpressions;
using InboxApp.Core.Jobs;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Jobs;

[Collection(SharedApp.Jobs)]
public sealed class JobsDashboardTests(InboxAppFactory factory)
{
    [Fact]
    public async Task Hangfire_dashboard_refuses_anonymous_users_with_401_and_other_roles_with_403()
    {
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/hangfire/recurring")).StatusCode);

        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        foreach (var member in new[] { admin, agent })
        {
            var client = await factory.CookieClientAsync(member.Email, member.Password);
            var denied = await client.GetAsync("/admin/hangfire/recurring");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.DoesNotContain(ExpiredTokensCleanupJob.Key, await denied.Content.ReadAsStringAsync());
        }

        // A super admin's bearer token is for the API: the dashboard takes the sign-in cookie only.
        var root = await factory.SuperAdminAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await root.Client.GetAsync("/admin/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Super_admin_sees_the_recurring_jobs_in_the_dashboard_and_can_trigger_one_with_its_antiforgery_token_only()
    {
        var client = await factory.CookieClientAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var page = await client.GetAsync("/admin/hangfire/recurring");
        await page.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("InboxApp jobs", html);
        Assert.Contains(ExpiredTokensCleanupJob.Key, html);

        var form = new Dictionary<string, string> { ["jobs[]"] = ExpiredTokensCleanupJob.Key };
        var forged = await client.PostAsync("/admin/hangfire/recurring/trigger", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        var header = Regex.Match(html, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        var token = Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "the dashboard should carry an antiforgery token");
        var since = DateTimeOffset.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/hangfire/recurring/trigger") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(header, token);
        var triggered = await client.SendAsync(request);
        Assert.True(triggered.IsSuccessStatusCode, $"trigger answered {(int)triggered.StatusCode}");

        var root = await factory.SuperAdminAsync();
        await root.Client.WaitForJobAsync(ExpiredTokensCleanupJob.Key, j => j.HasRunSince(since));
    }
}
