// Optional enhancement for the meeting's long forms (a child's decision, the notes): what is typed is
// kept as the person's draft a moment after they stop typing, as "Save and come back later" does
// without JavaScript. The form is posted to its own address with _action=draft; the answer is JSON.
const QUIET_MS = 2000

const timeOf = (iso) =>
  new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })

for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = form.querySelector('[data-autosave-status]')
  const say = (text) => {
    if (status) status.textContent = text
  }
  let timer
  let saving = false
  let again = false

  const save = async () => {
    if (saving) {
      again = true
      return
    }
    saving = true
    const body = new URLSearchParams(new FormData(form))
    body.set('_action', 'draft')
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        redirect: 'manual',
      })
      if (!response.ok) throw new Error(String(response.status))
      const { savedAt } = await response.json()
      say(`Draft saved at ${timeOf(savedAt)}. It is not part of the record until you record it.`)
    } catch {
      say('Your draft could not be saved just now. Use “Save and come back later” before you leave the page.')
    }
    saving = false
    if (again) {
      again = false
      schedule()
    }
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(save, QUIET_MS)
  }

  form.addEventListener('input', schedule)
  form.addEventListener('change', schedule)
}
