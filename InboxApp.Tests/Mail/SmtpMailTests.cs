using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.Mail;

public sealed class SmtpMailTests
{
    [Fact]
    public async Task With_an_smtp_host_an_invitation_is_sent_over_smtp_and_not_written_to_the_pickup_folder()
    {
        await using var smtp = new FakeSmtpServer();
        await using var factory = new InboxAppFactory()
            .With("Mail:Smtp:Host", "127.0.0.1")
            .With("Mail:Smtp:Port", smtp.Port.ToString())
            .With("Mail:Smtp:EnableSsl", "false")
            .With("Mail:From", "support@inbox.test");
        var admin = await factory.RegisterOrganizationAsync();
        var email = UserBuilders.NewEmail("smtp.hire");

        var response = await admin.Client.PostAsJsonAsync("/api/v1/invitations", new { email, role = "AGENT", name = "Smtp Hire" });
        await response.ShouldBe(HttpStatusCode.Created);

        var mail = Assert.Single(smtp.Received, m => m.To.Contains(email));
        Assert.Equal("support@inbox.test", mail.From);
        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(mail.Data)));
        Assert.Equal(email, Assert.Single(message.To.Mailboxes).Address);
        var url = $"http://inbox.test/invite/{factory.Mail.InvitationToken(email)}";
        Assert.Contains(url, (message.TextBody ?? "").ReplaceLineEndings("\n").Split('\n'));
        Assert.Null(MailReader.Latest(factory, email));
    }
}
