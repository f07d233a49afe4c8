import { redirect } from 'next/navigation';
import { currentActor, HOME_OF_ROLE } from '@/auth/guards';

export default async function Home() {
  const actor = await currentActor();
  redirect(actor ? HOME_OF_ROLE[actor.role] : '/login');
}
