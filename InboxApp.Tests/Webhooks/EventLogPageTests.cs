using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.Webhooks;

/// <summary>The prerendered event log page (its first page of rows included) and its menu entry, per role.</summary>
[Collection(SharedApp.Second)]
public sealed class EventLogPageTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task Admin_sees_the_event_log_with_its_filters_and_a_menu_entry()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var browser = await factory.SignInWithCookieAsync(admin.Email, admin.Password);

        var page = await browser.PageAsync("/settings/event-log");
        Assert.Contains("<h1>Event log</h1>", page);
        Assert.Contains("aria-label=\"Webhook events\"", page);
        Assert.Contains("id=\"event-status-filter\"", page);
        Assert.Contains("id=\"event-kind-filter\"", page);
        Assert.Contains("id=\"event-from\"", page);
        Assert.Contains("aria-label=\"Reset filters\"", page);
        Assert.Contains("WhatsApp has not sent anything for your numbers yet", page);
        Assert.Contains("href=\"/settings/event-log\"", page);
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_below_admin_are_told_the_log_is_for_admins_and_have_no_menu_entry(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var member = await factory.AddMemberAsync(admin, role);
        var browser = await factory.SignInWithCookieAsync(member.Email, member.Password);

        var page = await browser.PageAsync("/settings/event-log");
        Assert.Contains("The event log is for admins", page);
        Assert.DoesNotContain("aria-label=\"Webhook events\"", page);
        Assert.DoesNotContain("href=\"/settings/event-log\"", page);
    }

    [Fact]
    public async Task Super_admin_sees_the_platforms_webhook_problems()
    {
        var browser = await factory.SignInWithCookieAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);

        var page = await browser.PageAsync("/settings/event-log");
        Assert.Contains("<h1>Webhook problems</h1>", page);
        Assert.Contains("aria-label=\"Webhook events\"", page);
        Assert.Contains("Deliveries from WhatsApp that no organization looks after", page);
        Assert.Contains("id=\"event-status-filter\"", page);
    }
}
