using InboxApp.Core.Common;

namespace InboxApp.Core.Identity;

public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Throws VALIDATION_ERROR on <paramref name="field"/> when the password is too weak.</summary>
    public static void Check(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            throw InboxException.Invalid(field, $"Password must be at least {MinLength} characters");
        if (password.Length > MaxLength)
            throw InboxException.Invalid(field, $"Password must be at most {MaxLength} characters");
        if (!password.Any(char.IsLetter) || !password.Any(c => !char.IsLetter(c)))
            throw InboxException.Invalid(field, "Password must contain letters and at least one digit or symbol");
    }
}
