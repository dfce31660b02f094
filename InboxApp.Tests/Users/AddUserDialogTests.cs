using Bunit;
using InboxApp.Core.Identity;
using InboxApp.Features.Users;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.Users;

[Collection(SharedApp.Name)]
public sealed class AddUserDialogTests(InboxAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task An_invalid_email_is_refused_with_the_reason_and_a_valid_user_is_created_with_the_chosen_password()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("Add user", new DialogParameters<AddUserDialog> { { d => d.Actor, actor } });
        var email = $"dana.{Guid.NewGuid():N}@example.test";

        await dialog.TypeAsync("#add-email", "dana-at-example");
        await dialog.TypeAsync("#add-name", "Dana");
        await dialog.TypeAsync("#add-password", "Long-Enough-Password-1");
        await dialog.SubmitAsync("add-user-form");
        Assert.Contains("not a valid address", dialog.Error());
        Assert.True(dialog.IsOpen);
        await using (var db = Factory.SystemDb())
            Assert.Equal(1, await db.Users.CountAsync(u => u.OrganizationId == admin.OrganizationId));

        await dialog.TypeAsync("#add-email", email);
        await dialog.SubmitAsync("add-user-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        await using (var db = Factory.SystemDb())
        {
            var user = await db.Users.SingleAsync(u => u.OrganizationId == admin.OrganizationId && u.Email == email);
            Assert.Equal(("Dana", UserRole.AGENT), (user.Name, user.Role));
        }
    }
}
