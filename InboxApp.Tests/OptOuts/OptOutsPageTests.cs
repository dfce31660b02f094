using System.Net;
using System.Net.Http.Json;
using InboxApp.Core.OptOuts;
using InboxApp.Features.OptOuts;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using Bunit;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static InboxApp.Tests.Routing.RoutingTestKit;

namespace InboxApp.Tests.OptOuts;

/// <summary>The Settings › Opt-outs page as each role gets it (prerendered), and the add dialog (bunit).</summary>
[Collection(SharedApp.Name)]
public sealed class OptOutsPageTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task Supervisors_see_the_list_the_actions_the_keywords_and_the_menu_entry()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var supervisor = await Factory.AddMemberAsync(admin, "SUPERVISOR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+4915112345678", note = "Called us" })).ShouldBe(HttpStatusCode.Created);

        var html = await (await Factory.SignInWithCookieAsync(supervisor.Email, supervisor.Password)).PageAsync("/settings/opt-outs");
        Assert.Contains("<h1>Opt-outs</h1>", html);
        Assert.Contains("+4915112345678", html);
        Assert.Contains("Called us", html);
        Assert.Contains("aria-label=\"Add number\"", html);
        Assert.Contains("aria-label=\"Remove +4915112345678\"", html);
        Assert.Contains("href=\"/api/v1/opt-outs/export\"", html);
        Assert.Contains("Opt-out keywords (comma-separated)", html);
        Assert.Contains("href=\"/settings/opt-outs\"", html);
    }

    [Fact]
    public async Task Agents_may_look_but_get_no_actions_and_no_menu_entry()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+4915112345679" })).ShouldBe(HttpStatusCode.Created);

        var html = await (await Factory.SignInWithCookieAsync(agent.Email, agent.Password)).PageAsync("/settings/opt-outs");
        Assert.Contains("+4915112345679", html);
        Assert.DoesNotContain("aria-label=\"Add number\"", html);
        Assert.DoesNotContain("aria-label=\"Remove +4915112345679\"", html);
        Assert.DoesNotContain("Save keywords", html);
        Assert.DoesNotContain("href=\"/settings/opt-outs\"", html);
    }

    [Fact]
    public async Task The_add_dialog_refuses_what_is_not_a_number_and_saves_a_number()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("Add a number", new DialogParameters<AddOptOutDialog> { { d => d.Actor, actor } });

        await dialog.TypeAsync("#opt-out-phone", "12345");
        await dialog.SubmitAsync("opt-out-form");
        Assert.Contains("phone must be a phone number", dialog.Error());
        Assert.True(dialog.IsOpen);

        await dialog.TypeAsync("#opt-out-phone", "+44 7700 900123");
        await dialog.TypeAsync("#opt-out-note", "Wrote to support");
        await dialog.SubmitAsync("opt-out-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        await using var db = Factory.SystemDb();
        var row = await db.Set<OptOut>().SingleAsync(o => o.OrganizationId == admin.OrganizationId);
        Assert.Equal(("447700900123", "Wrote to support", OptOutSource.MANUAL), (row.Phone, row.Note, row.Source));
    }
    [Fact]
    public async Task The_inbox_side_panel_says_when_the_contact_opted_out_of_campaigns()
    {
        var (admin, actor) = await AdminAsync();
        await SandboxNumberAsync(admin.Client);
        var (optedOut, other) = (Phone(), Phone());
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = optedOut })).ShouldBe(HttpStatusCode.Created);
        var first = await Factory.CustomerWritesAsync(admin.Client, optedOut, "Hello");
        var second = await Factory.CustomerWritesAsync(admin.Client, other, "Hello");
        Guid ContactOf(Guid conversationId)
        {
            using var db = Factory.SystemDb();
            return db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ContactId).Single();
        }

        var badge = Render<OptOutBadge>(p => p.Add(b => b.ContactId, ContactOf(first)).Add(b => b.Actor, actor));
        badge.WaitForAssertion(() => Assert.Equal("Opted out of campaigns", badge.Find("[data-testid=opted-out]").TextContent.Trim()));
        var none = Render<OptOutBadge>(p => p.Add(b => b.ContactId, ContactOf(second)).Add(b => b.Actor, new Actor(admin.UserId, admin.OrganizationId, UserRole.AGENT)));
        Assert.Empty(none.FindAll("[data-testid=opted-out]"));
    }
}
