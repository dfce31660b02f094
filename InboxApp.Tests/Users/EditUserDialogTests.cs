using Bunit;
using InboxApp.Core.Users;
using InboxApp.Features.Users;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.Users;

[Collection(SharedApp.Name)]
public sealed class EditUserDialogTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task A_blank_name_or_deactivating_oneself_is_refused_with_the_reason_and_a_members_new_name_is_saved()
    {
        var (admin, actor) = await AdminAsync();
        var member = await Factory.AddMemberAsync(admin, "AGENT");
        var users = Factory.Services.GetService(typeof(UserService)) as UserService ?? throw new InvalidOperationException();

        var self = await OpenAsync("Edit user", new DialogParameters<EditUserDialog> { { d => d.Actor, actor }, { d => d.User, await users.GetAsync(actor, admin.UserId) } });
        await self.TypeAsync("#edit-name", " ");
        await self.SubmitAsync("edit-user-form");
        Assert.Contains("The name is required", self.Error());
        await self.TypeAsync("#edit-name", "Still Me");
        await self.Find(".mud-dialog input[type=checkbox]").ChangeAsync(new() { Value = false });
        await self.SubmitAsync("edit-user-form");
        Assert.Contains("You cannot change your own role or deactivate yourself", self.Error());
        Assert.True(self.IsOpen);
        await using (var db = Factory.SystemDb())
            Assert.True((await db.Users.SingleAsync(u => u.Id == admin.UserId)).IsActive);

        var other = await OpenAsync("Edit user", new DialogParameters<EditUserDialog> { { d => d.Actor, actor }, { d => d.User, await users.GetAsync(actor, member.UserId) } });
        await other.TypeAsync("#edit-name", "Ana Renamed");
        await other.SubmitAsync("edit-user-form");
        Assert.True(await other.ClosedWithOkAsync());
        await using (var db = Factory.SystemDb())
            Assert.Equal("Ana Renamed", (await db.Users.SingleAsync(u => u.Id == member.UserId)).Name);
    }
}
