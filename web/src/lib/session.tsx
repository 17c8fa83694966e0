import { createContext, useContext } from "react";

import type { Tokens } from "./auth";

type Session = {
  signedIn: boolean;
  signIn: (tokens: Tokens) => void;
  signOut: () => Promise<void>;
};

export const SessionContext = createContext<Session>({
  signedIn: false,
  signIn: () => {},
  signOut: async () => {},
});

export const useSession = () => useContext(SessionContext);
