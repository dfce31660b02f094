using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Mail;

public sealed record EmailMessage(string To, string Subject, string TextBody);

/// <summary>Outbound email. SMTP when <c>Mail:Smtp:Host</c> is set, otherwise .eml files in the mail folder.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

public sealed class MailOptions
{
    public const string SectionName = "Mail";

    [Required, EmailAddress]
    public string From { get; set; } = "inbox@localhost";

    /// <summary>Folder for .eml files when no SMTP server is configured. Relative to the data folder. Default <c>mail</c>.</summary>
    [Required]
    public string PickupDirectory { get; set; } = "mail";

    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }
        [Range(1, 65535)]
        public int Port { get; set; } = 587;
        public string? Username { get; set; }
        public string? Password { get; set; }
        public bool EnableSsl { get; set; } = true;
    }
}

/// <summary>Writes each message as an .eml file (the SMTP pickup format), readable by any mail client.</summary>
public sealed class PickupDirectoryEmailSender(Common.AppPaths paths, IOptions<MailOptions> options, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Directory.CreateDirectory(paths.MailDirectory);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = paths.MailDirectory,
        };
        using var mail = new MailMessage(options.Value.From, message.To, message.Subject, message.TextBody);
        await client.SendMailAsync(mail, ct);
        logger.LogInformation("Mail to {To} written to {Folder}", message.To, paths.MailDirectory);
    }
}

public sealed class SmtpEmailSender(IOptions<MailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        using var client = new SmtpClient(o.Smtp.Host, o.Smtp.Port) { EnableSsl = o.Smtp.EnableSsl };
        if (!string.IsNullOrEmpty(o.Smtp.Username)) client.Credentials = new NetworkCredential(o.Smtp.Username, o.Smtp.Password);
        using var mail = new MailMessage(o.From, message.To, message.Subject, message.TextBody);
        await client.SendMailAsync(mail, ct);
    }
}
