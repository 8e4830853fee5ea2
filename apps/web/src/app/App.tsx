import { RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { router } from './router.tsx';
import { TrpcProvider } from './TrpcProvider.tsx';

export function App() {
  return (
    <TrpcProvider>
      <RouterProvider router={router} />
      <Toaster position="bottom-right" richColors closeButton />
    </TrpcProvider>
  );
}
