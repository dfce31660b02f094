using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;

namespace InboxApp.Tests.Tags;

/// <summary>The prerendered tags page: what each role is offered (dialogs need the interactive circuit; the E2E tests cover them).</summary>
[Collection(SharedApp.Name)]
public sealed class TagsPageTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("ADMIN")]
    [InlineData("SUPERVISOR")]
    public async Task Admins_and_supervisors_see_the_tags_with_their_colour_and_the_new_tag_button(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Priority", color = "#dc2626" })).ShouldBe(System.Net.HttpStatusCode.Created);
        var viewer = role == "ADMIN" ? admin : await factory.AddMemberAsync(admin, role);

        var html = await (await factory.SignInWithCookieAsync(viewer.Email, viewer.Password)).PageAsync("/settings/tags");
        Assert.Contains("<h1>Tags</h1>", html);
        Assert.Contains("aria-label=\"New tag\"", html);
        Assert.Contains("Priority", html);
        Assert.Contains("background:#dc2626", html);
        Assert.Contains("aria-label=\"Delete Priority\"", html);
        Assert.Contains("href=\"/settings/tags\"", html);
    }

    [Fact]
    public async Task Admin_without_tags_is_told_how_to_start()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var html = await (await factory.SignInWithCookieAsync(admin.Email, admin.Password)).PageAsync("/settings/tags");
        Assert.Contains("data-testid=\"tags-empty\"", html);
    }

    [Fact]
    public async Task Agents_are_told_tags_are_managed_by_supervisors_and_admins()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "Secret plan", color = "#dc2626" })).ShouldBe(System.Net.HttpStatusCode.Created);
        var agent = await factory.AddMemberAsync(admin, "AGENT");

        var html = await (await factory.SignInWithCookieAsync(agent.Email, agent.Password)).PageAsync("/settings/tags");
        Assert.Contains("Tags are managed by supervisors and admins", html);
        Assert.DoesNotContain("aria-label=\"New tag\"", html);
        Assert.DoesNotContain("Secret plan", html);
        Assert.DoesNotContain("href=\"/settings/tags\"", html);
    }
}
