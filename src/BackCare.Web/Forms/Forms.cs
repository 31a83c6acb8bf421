using System.ComponentModel.DataAnnotations;
using BackCare.Data.Clinics;
using Microsoft.Extensions.Validation;

namespace BackCare.Web.Forms;

// The simple fields of the site's forms and their checks, read by FormValidation. Each message is a key of the page's
// language file; numbers the words need follow the key after a bar.

/// <summary>Who a visitor to the contact form is and how the clinic can reach them (a signed-in patient gives none).</summary>
[ValidatableType]
public sealed class ContactVisitorForm
{
    public const int MaxNameLength = 200;

    public const int MaxPhoneLength = 40;

    [Required(ErrorMessage = "contact_error_name")]
    [StringLength(MaxNameLength, ErrorMessage = "contact_error_name")]
    public string? Name { get; init; }

    [RequiredWithout(nameof(Phone), ErrorMessage = "contact_error_reach")]
    [AccountEmail(ErrorMessage = "contact_error_email")]
    public string? Email { get; init; }

    [StringLength(MaxPhoneLength, ErrorMessage = "contact_error_phone")]
    [RegularExpression(@".*\d.*", ErrorMessage = "contact_error_phone")]
    public string? Phone { get; init; }
}

/// <summary>A message to a clinic, from the contact form or a thread.</summary>
[ValidatableType]
public sealed class MessageForm
{
    /// <summary>The longest message both a contact request and a thread keep.</summary>
    public const int MaxBodyLength = ContactRequest.MaxBodyLength < Message.MaxBodyLength
        ? ContactRequest.MaxBodyLength
        : Message.MaxBodyLength;

    [Required(ErrorMessage = "contact_error_body")]
    [StringLength(MaxBodyLength, ErrorMessage = "contact_error_too_long|{1}")]
    public string? Body { get; init; }
}

/// <summary>Signing in with an email address and password.</summary>
[ValidatableType]
public sealed class SignInForm
{
    [Required(ErrorMessage = "email_invalid")]
    public string? Email { get; init; }

    [Required(AllowEmptyStrings = true, ErrorMessage = "password_required")]
    public string? Password { get; init; }
}

/// <summary>An email address to send a password reset to.</summary>
[ValidatableType]
public sealed class ForgotPasswordForm
{
    [Required(ErrorMessage = "email_invalid")]
    [AccountEmail(ErrorMessage = "email_invalid")]
    public string? Email { get; init; }
}

/// <summary>The password that confirms deleting an account.</summary>
[ValidatableType]
public sealed class DeleteAccountForm
{
    [Required(AllowEmptyStrings = true, ErrorMessage = "password_required")]
    public string? Password { get; init; }
}

/// <summary>A clinician's answer in a patient's thread.</summary>
[ValidatableType]
public sealed class ReplyForm
{
    [Required(ErrorMessage = "contact_error_body")]
    [StringLength(Message.MaxBodyLength, ErrorMessage = "contact_error_too_long|{1}")]
    public string? Reply { get; init; }
}

/// <summary>A clinician's note on a patient's record.</summary>
[ValidatableType]
public sealed class NoteForm
{
    [Required(ErrorMessage = "note_error_body")]
    [StringLength(ClinicalNote.MaxBodyLength, ErrorMessage = "note_error_too_long|{1}")]
    public string? Note { get; init; }
}
