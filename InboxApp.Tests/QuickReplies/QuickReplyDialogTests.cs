using Bunit;
using InboxApp.Features.QuickReplies;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.QuickReplies;

[Collection(SharedApp.Name)]
public sealed class QuickReplyDialogTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task An_unknown_placeholder_is_named_while_typing_and_on_save_nothing_is_saved_until_it_is_fixed()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("New quick reply", new DialogParameters<QuickReplyDialog> { { d => d.Actor, actor } });

        await dialog.TypeAsync("#qr-shortcut", "greet");
        await dialog.TypeAsync("#qr-title", "Greeting");
        await dialog.TypeAsync("#qr-text", "Hi {{contact.nme}}, how can we help?");
        // The field says so as soon as it is typed...
        dialog.Provider.WaitForAssertion(() => Assert.Contains("Unknown placeholder", dialog.Find(".mud-input-error").TextContent));
        // ...and saving is refused with the same reason.
        await dialog.SubmitAsync("qr-form");
        Assert.Contains("Unknown placeholder", dialog.Error());
        Assert.True(dialog.IsOpen);
        await using (var db = Factory.SystemDb())
            Assert.False(await db.QuickReplies.AnyAsync(q => q.OrganizationId == admin.OrganizationId));

        await dialog.TypeAsync("#qr-text", "Hi {{contact.name}}, how can we help?");
        dialog.Provider.WaitForAssertion(() => Assert.Empty(dialog.Provider.FindAll(".mud-input-error")));
        await dialog.SubmitAsync("qr-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        await using (var db = Factory.SystemDb())
        {
            var reply = await db.QuickReplies.SingleAsync(q => q.OrganizationId == admin.OrganizationId);
            Assert.Equal(("greet", "Greeting", "Hi {{contact.name}}, how can we help?"), (reply.Shortcut, reply.Title, reply.Text));
        }
    }

    [Fact]
    public async Task A_shortcut_with_capitals_or_spaces_is_refused_with_the_rule()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("New quick reply", new DialogParameters<QuickReplyDialog> { { d => d.Actor, actor } });

        await dialog.TypeAsync("#qr-shortcut", "Good Morning");
        await dialog.TypeAsync("#qr-title", "Morning");
        await dialog.TypeAsync("#qr-text", "Good morning!");
        await dialog.SubmitAsync("qr-form");

        Assert.Contains("lower case letters, digits, - and _", dialog.Error());
        await using var db = Factory.SystemDb();
        Assert.False(await db.QuickReplies.AnyAsync(q => q.OrganizationId == admin.OrganizationId));
    }
}
