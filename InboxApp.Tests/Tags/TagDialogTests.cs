using Bunit;
using InboxApp.Core.Tags;
using InboxApp.Features.Tags;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.Tags;

[Collection(SharedApp.Name)]
public sealed class TagDialogTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task A_tag_without_a_name_is_refused_with_the_reason_and_a_named_one_is_saved_in_the_chosen_colour()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("New tag", new DialogParameters<TagDialog> { { d => d.Actor, actor } });

        await dialog.SubmitAsync("tag-form");
        Assert.Contains("The name is required", dialog.Error());
        Assert.True(dialog.IsOpen);
        await using (var db = Factory.SystemDb())
            Assert.False(await db.Tags.AnyAsync(t => t.OrganizationId == admin.OrganizationId));

        var colour = TagPalette.Colors[2];
        await dialog.TypeAsync("#tag-name", "VIP");
        await dialog.Find($"[role=radio][aria-label='{colour.Name}']").ClickAsync(new());
        Assert.Equal("true", dialog.Find($"[role=radio][aria-label='{colour.Name}']").GetAttribute("aria-checked"));
        await dialog.SubmitAsync("tag-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        await using (var db = Factory.SystemDb())
        {
            var tag = await db.Tags.SingleAsync(t => t.OrganizationId == admin.OrganizationId);
            Assert.Equal(("VIP", colour.Hex), (tag.Name, tag.Color));
        }
    }
}
