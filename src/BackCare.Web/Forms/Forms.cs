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

/// <summary>
/// A clinic's details and booking settings as an administrator gives them (<c>/admin/clinics</c> and its API); what needs
/// the machine or several fields (a time zone it knows, both coordinates or neither, a video link that is an address)
/// is checked by <see cref="Clinics.ClinicAdmin"/>.
/// </summary>
[ValidatableType]
public sealed class ClinicForm
{
    public const int MaxTextLength = 500;

    [Required(ErrorMessage = "admin_error_name")]
    [StringLength(MaxTextLength, ErrorMessage = "admin_error_too_long|{1}")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "admin_error_address")]
    [StringLength(MaxTextLength, ErrorMessage = "admin_error_too_long|{1}")]
    public string? Address { get; init; }

    [Required(ErrorMessage = "admin_error_phone")]
    [StringLength(MaxTextLength, ErrorMessage = "admin_error_too_long|{1}")]
    public string? Phone { get; init; }

    [Required(ErrorMessage = "admin_error_time_zone")]
    [StringLength(100, ErrorMessage = "admin_error_time_zone")]
    public string? TimeZone { get; init; }

    [StringLength(MaxTextLength, ErrorMessage = "admin_error_too_long|{1}")]
    public string? Offers { get; init; }

    [Range(-90.0, 90.0, ErrorMessage = "admin_error_latitude")]
    public double? Latitude { get; init; }

    [Range(-180.0, 180.0, ErrorMessage = "admin_error_longitude")]
    public double? Longitude { get; init; }

    [Range(Clinic.MinSlotMinutes, Clinic.MaxSlotMinutes, ErrorMessage = "admin_error_slot_minutes|{1}|{2}")]
    public int? SlotMinutes { get; init; }

    [Range(1, Clinic.MaxBookingDays, ErrorMessage = "admin_error_booking_days|{2}")]
    public int? BookingDays { get; init; }

    [StringLength(2000, ErrorMessage = "admin_error_too_long|{1}")]
    public string? JoinUrlTemplate { get; init; }
}

/// <summary>Why a clinician (or everyone, for a holiday) is off; the date and times are read by <see cref="Clinics.ClinicAdmin"/>.</summary>
[ValidatableType]
public sealed class TimeOffForm
{
    [Required(ErrorMessage = "admin_error_reason")]
    [StringLength(ClinicForm.MaxTextLength, ErrorMessage = "admin_error_too_long|{1}")]
    public string? Reason { get; init; }
}
