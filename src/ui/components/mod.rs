//! Small reusable pieces: form fields with their errors, alerts, copy buttons.
pub mod batch;
pub mod form;
pub mod invitations;
pub mod partner_forms;
pub mod privileges;
pub mod requests;
pub mod widgets;
