import { generate } from 'otplib'

/**
 * Signs in to a running service as a browser does: the sign-in page for its CSRF token, the form
 * posted with the email and password, then, for staff, the code from their authenticator app (made
 * here from the account's secret at the service's time). Answers the Cookie header a browser would
 * send afterwards: the session and its CSRF secret.
 */

type Cookies = Map<string, string>

function keep(cookies: Cookies, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';')
    const at = pair!.indexOf('=')
    cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim())
  }
}

function cookieHeader(cookies: Cookies): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
}

async function getPage(origin: string, path: string, cookies: Cookies): Promise<string> {
  const response = await fetch(`${origin}${path}`, {
    headers: { cookie: cookieHeader(cookies) },
    redirect: 'manual',
  })
  keep(cookies, response)
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`)
  return response.text()
}

function csrfTokenOf(page: string, path: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1]
  if (!token) throw new Error(`${path} has no CSRF token in its form`)
  return token
}

async function postForm(
  origin: string,
  path: string,
  cookies: Cookies,
  fields: Record<string, string>,
): Promise<string> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { cookie: cookieHeader(cookies), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
  keep(cookies, response)
  const location = response.headers.get('location')
  if (response.status !== 303 || !location)
    throw new Error(
      `POST ${path} answered ${response.status}, not a redirect: ${(await response.text()).slice(0, 300)}`,
    )
  return location
}

export async function signInAsBrowser(
  origin: string,
  account: { email: string; password: string; codeSecret: string | null; now: Date },
): Promise<string> {
  const cookies: Cookies = new Map()
  const signInPage = await getPage(origin, '/sign-in', cookies)
  let next = await postForm(origin, '/sign-in', cookies, {
    _csrf: csrfTokenOf(signInPage, '/sign-in'),
    email: account.email,
    password: account.password,
  })
  if (next.startsWith('/sign-in/code')) {
    if (!account.codeSecret)
      throw new Error('the service asks for a sign-in code, and the account has no secret')
    const codePage = await getPage(origin, next, cookies)
    const code = await generate({
      secret: account.codeSecret,
      epoch: Math.floor(account.now.getTime() / 1000),
    })
    next = await postForm(origin, '/sign-in/code', cookies, { _csrf: csrfTokenOf(codePage, next), code })
  }
  if (next.startsWith('/sign-in')) throw new Error(`signing in stopped at ${next}`)
  return cookieHeader(cookies)
}
