using Bunit;
using InboxApp.Features.Teams;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.Teams;

[Collection(SharedApp.Name)]
public sealed class TeamDialogTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task A_team_without_a_name_is_refused_with_the_reason_and_a_named_one_is_saved()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("New team", new DialogParameters<TeamDialog> { { d => d.Actor, actor } });

        await dialog.TypeAsync("#team-name", "   ");
        await dialog.SubmitAsync("team-form");
        Assert.Contains("The name is required", dialog.Error());
        Assert.True(dialog.IsOpen);
        await using (var db = Factory.SystemDb())
            Assert.False(await db.Teams.AnyAsync(t => t.OrganizationId == admin.OrganizationId));

        await dialog.TypeAsync("#team-name", "Billing");
        await dialog.TypeAsync("#team-description", "Invoices and refunds");
        await dialog.SubmitAsync("team-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        await using (var db = Factory.SystemDb())
        {
            var team = await db.Teams.SingleAsync(t => t.OrganizationId == admin.OrganizationId);
            Assert.Equal(("Billing", "Invoices and refunds"), (team.Name, team.Description));
        }
    }
}
