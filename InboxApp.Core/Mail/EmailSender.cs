using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
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

/// <summary>The MIME form of a message (MimeKit), prepared for 7-bit transports: plain ASCII stays as written.</summary>
internal static class MimeMessages
{
    public static MimeMessage From(MailOptions options, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart(TextFormat.Plain) { Text = message.TextBody };
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }
}

/// <summary>Writes each message as an .eml file (the SMTP pickup format), readable by any mail client.</summary>
public sealed class PickupDirectoryEmailSender(Common.AppPaths paths, IOptions<MailOptions> options, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    private static readonly FormatOptions Format = CreateFormat();

    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        Directory.CreateDirectory(paths.MailDirectory);
        var mime = MimeMessages.From(options.Value, message);
        var name = Path.Combine(paths.MailDirectory, $"{Guid.NewGuid():N}");
        // Written aside and renamed, so a reader polling the folder never sees half a message.
        await mime.WriteToAsync(Format, name + ".tmp", ct);
        File.Move(name + ".tmp", name + ".eml");
        logger.LogInformation("Mail to {To} written to {Folder}", message.To, paths.MailDirectory);
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}

/// <summary>SMTP through MailKit: STARTTLS when <c>EnableSsl</c> (TLS on connect for port 465), plain otherwise.</summary>
public sealed class SmtpEmailSender(IOptions<MailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var o = options.Value;
        var security = !o.Smtp.EnableSsl ? SecureSocketOptions.None
            : o.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.Smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set"), o.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(o.Smtp.Username)) await client.AuthenticateAsync(o.Smtp.Username, o.Smtp.Password ?? "", ct);
        await client.SendAsync(MimeMessages.From(o, message), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
