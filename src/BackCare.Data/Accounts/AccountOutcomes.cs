namespace BackCare.Data.Accounts;

public enum RegistrationError
{
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    PasswordSameAsEmail,
    DisplayNameRequired,
    EmailTaken,
}

public sealed record RegistrationOutcome(Account? Account, RegistrationError? Error)
{
    public bool Succeeded => Account is not null;

    internal static RegistrationOutcome Failed(RegistrationError error) => new(null, error);
}

public enum SignInError
{
    /// <summary>Unknown email or wrong password: the two are never told apart.</summary>
    InvalidCredentials,
    LockedOut,
}

public sealed record SignInOutcome(Account? Account, SignInError? Error, DateTime? LockedOutUntilUtc = null)
{
    public bool Succeeded => Account is not null;
}
