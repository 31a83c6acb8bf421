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

    /// <summary>Too many wrong passwords or codes for this email from this client: it must wait (<see cref="SignInThrottle"/>).</summary>
    TooManyAttempts,

    /// <summary>The second step's code was neither the authenticator's code of the moment nor an unused recovery code.</summary>
    WrongCode,

    /// <summary>
    /// The second step belongs to a sign-in that no longer holds: the password was changed, two-step sign-in turned off,
    /// or the account erased since the password was given. The person starts again with their password.
    /// </summary>
    StartAgain,
}

/// <summary>
/// The answer to a sign-in; <see cref="WaitUntilUtc"/> is when this client may try this email again, if it must wait.
/// A right password for an account with two-step sign-in on succeeds as a password check, but starts no session until
/// the code is given (<see cref="SecondStepRequired"/>).
/// </summary>
public sealed record SignInOutcome(Account? Account, SignInError? Error, DateTime? WaitUntilUtc = null)
{
    public bool Succeeded => Account is not null;

    /// <summary>The password was right and a code must follow before anyone is signed in.</summary>
    public bool SecondStepRequired => Account?.TwoFactorEnabled == true;
}
