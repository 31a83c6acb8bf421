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

    /// <summary>Too many wrong passwords for this email from this client: it must wait (<see cref="SignInThrottle"/>).</summary>
    TooManyAttempts,
}

/// <summary>The answer to a sign-in; <see cref="WaitUntilUtc"/> is when this client may try this email again, if it must wait.</summary>
public sealed record SignInOutcome(Account? Account, SignInError? Error, DateTime? WaitUntilUtc = null)
{
    public bool Succeeded => Account is not null;
}
