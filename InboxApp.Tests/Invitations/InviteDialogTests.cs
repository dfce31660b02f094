using Bunit;
using InboxApp.Features.Invitations;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Tests.Invitations;

[Collection(SharedApp.Name)]
public sealed class InviteDialogTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task An_invitation_without_an_email_is_refused_and_a_valid_one_is_mailed_without_showing_its_link()
    {
        var (admin, actor) = await AdminAsync();
        var dialog = await OpenAsync("Invite", new DialogParameters<InviteDialog> { { d => d.Actor, actor } });
        var email = $"erin.{Guid.NewGuid():N}@example.test";

        await dialog.SubmitAsync("invite-form");
        Assert.Contains("The email is required", dialog.Error());
        await using (var db = Factory.SystemDb())
            Assert.False(await db.Invitations.AnyAsync(i => i.OrganizationId == admin.OrganizationId));

        await dialog.TypeAsync("#invite-email", email);
        await dialog.SubmitAsync("invite-form");
        Assert.True(await dialog.ClosedWithOkAsync());
        Assert.DoesNotContain("/invite/", dialog.Provider.Markup);
        Assert.NotNull(SignupMail.InvitationTokenIn(Assert.Single(Factory.Mail.To(email)).TextBody));
        await using (var db = Factory.SystemDb())
            Assert.Equal(email, (await db.Invitations.SingleAsync(i => i.OrganizationId == admin.OrganizationId)).Email);
    }
}
