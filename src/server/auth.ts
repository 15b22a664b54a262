// Bearer-token check in constant time: both sides are hashed to 32 bytes first, so neither the token's length nor
// the position of the first differing byte shows in the response time.
import { createHash, timingSafeEqual } from 'node:crypto';

export function bearerChecker(token: string): (header: string | undefined) => boolean {
  const want = createHash('sha256').update(token).digest();
  return (header) => {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    const got = createHash('sha256').update(m ? m[1] : '\0no token').digest();
    return timingSafeEqual(got, want) && m !== null;
  };
}
